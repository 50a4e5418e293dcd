/// Sizes and building blocks of the narrow (phone) layout, shared by every view's
/// `narrowDocument`: 300 units wide, no text under 12 units, long labels wrapped.
enum Narrow {
    static let width = 300.0
    static let margin = 8.0
    static let padding = 8.0

    /// Names and headings of boxes.
    static let label = TextMetrics(fontSize: 13)
    /// Instructions, counts, notes and legends: the smallest size in the layout.
    static let small = TextMetrics(fontSize: 12)
    static let heading = TextMetrics(fontSize: 15)
    static let lineHeight = 15.0

    static var contentWidth: Double { width - 2 * margin }

    /// `text` wrapped at spaces into at most `maxLines` lines no wider than `maxWidth` (the
    /// first no wider than `firstLineWidth` when given, to leave room beside it); a word longer
    /// than a line (a path, `PATH=…`) is broken where the line ends. What does not fit goes on
    /// the last line, which `Draw.text` then shortens with an ellipsis.
    static func wrap(_ text: String, maxWidth: Double, metrics: TextMetrics = small, maxLines: Int = .max,
                     firstLineWidth: Double? = nil) -> [String] {
        var lines: [String] = []
        // Whether each line ends inside a word (a long path broken where the line ended).
        var brokenInWord: [Bool] = []
        var line = ""
        func limit() -> Double { lines.isEmpty ? (firstLineWidth ?? maxWidth) : maxWidth }
        for piece in TextMetrics.singleLine(text).split(separator: " ") {
            var word = String(piece)
            while !word.isEmpty {
                let candidate = line.isEmpty ? word : line + " " + word
                if metrics.width(of: candidate) <= limit() {
                    line = candidate
                    break
                }
                if !line.isEmpty {
                    lines.append(line)
                    brokenInWord.append(false)
                    line = ""
                    continue
                }
                let head = prefix(of: word, fitting: limit(), metrics: metrics)
                lines.append(head)
                word = String(word.dropFirst(head.count))
                brokenInWord.append(!word.isEmpty)
            }
        }
        if !line.isEmpty { lines.append(line); brokenInWord.append(false) }
        guard lines.count > maxLines, maxLines > 0 else { return lines }
        // The rest goes on the last line as the text had it: no space where a word was broken
        // (the ellipsis' tooltip shows this line whole).
        var last = lines[maxLines - 1]
        for index in maxLines..<lines.count {
            last += (brokenInWord[index - 1] ? "" : " ") + lines[index]
        }
        return Array(lines.prefix(maxLines - 1)) + [last]
    }

    /// The longest start of `word` no wider than `width`, and at least one character.
    private static func prefix(of word: String, fitting width: Double, metrics: TextMetrics) -> String {
        var head = ""
        for character in word {
            if !head.isEmpty, metrics.width(of: head + String(character)) > width { break }
            head.append(character)
        }
        return head
    }

    /// Lines of text from the baseline `y` down, `lineHeight` apart.
    static func lines(
        _ lines: [String], x: Double, y: Double, maxWidth: Double, metrics: TextMetrics = small,
        cssClass: String? = nil, weight: String? = nil
    ) -> [SVGNode] {
        lines.enumerated().map { index, line in
            Draw.text(line, x: x, y: y + Double(index) * lineHeight, maxWidth: maxWidth, metrics: metrics,
                      cssClass: cssClass, weight: weight)
        }
    }

    /// Height taken by `count` lines whose first baseline is `firstBaseline` below the top.
    static func height(lines count: Int, firstBaseline: Double = 16) -> Double {
        firstBaseline + Double(max(0, count - 1)) * lineHeight + 6
    }

    // MARK: Layer rows

    /// The widest size `Draw.size` writes: three significant digits and a unit.
    static let sizeTagWidth = small.width(of: "99.9 MB")

    /// The instruction's lines in a row of `width`: the first beside the size tag, the others
    /// under it at full width, three at most.
    static func instructionLines(_ layer: LayerItem, width: Double) -> [String] {
        let full = textWidth(rowWidth: width, shared: layer.isShared)
        return wrap(layer.instruction, maxWidth: full, maxLines: 3, firstLineWidth: full - sizeTagWidth - 8)
    }

    static func textWidth(rowWidth: Double, shared: Bool) -> Double {
        rowWidth - 16 - (shared ? 4 : 0)
    }

    /// A row's height: the wide layout's log scale of its size, plus a line for a wrapped
    /// instruction, so a bigger layer is still a taller box among rows of the same lines.
    static func rowHeight(_ layer: LayerItem, width: Double) -> Double {
        LayerRows.height(of: layer) + Double(instructionLines(layer, width: width).count - 1) * lineHeight
    }

    static func rowsHeight(_ layers: some Collection<LayerItem>, width: Double) -> Double {
        guard !layers.isEmpty else { return 0 }
        return layers.reduce(0) { $0 + rowHeight($1, width: width) } + LayerRows.gap * Double(layers.count - 1)
    }

    /// One layer: its instruction (wrapped), its size on the right, the shared mark on the left.
    static func row(_ layer: LayerItem, frame: Rect, showShared: Bool) -> SVGNode {
        let lines = instructionLines(layer, width: frame.width)
        let shared = layer.isShared && showShared
        let textX = frame.x + 8 + (shared ? 4 : 0)
        let first = frame.midY - Double(lines.count - 1) * lineHeight / 2 + small.fontSize * 0.35
        let full = textWidth(rowWidth: frame.width, shared: shared)
        var labels = self.lines(Array(lines.prefix(1)), x: textX, y: first, maxWidth: full - sizeTagWidth - 8)
            + self.lines(Array(lines.dropFirst()), x: textX, y: first + lineHeight, maxWidth: full)
        labels.append(Draw.text(LayerRows.kindTag(layer), x: frame.maxX - 8, y: first, maxWidth: sizeTagWidth,
                                metrics: small, anchor: .end, cssClass: "muted"))
        if shared {
            labels.insert(.el("rect", [
                ("x", (frame.x + 1).svg), ("y", (frame.y + 1).svg), ("width", "4"),
                ("height", (frame.height - 2).svg), ("class", "shared-mark"), ("stroke-width", "0"),
            ]), at: 0)
        }
        return Draw.box(frame, cssClass: "layer-fs", tooltip: LayerRows.tooltip(layer), labels: labels)
    }

    /// Rows for `layers` (base first) drawn upwards so that the base ends at `bottom`.
    static func column(_ layers: some Collection<LayerItem>, x: Double, width: Double, bottom: Double,
                       showShared: Bool = true) -> [SVGNode] {
        var y = bottom
        var nodes: [SVGNode] = []
        for layer in layers {
            let height = rowHeight(layer, width: width)
            y -= height
            nodes.append(row(layer, frame: Rect(x: x, y: y, width: width, height: height), showShared: showShared))
            y -= LayerRows.gap
        }
        return nodes
    }

    // MARK: Bands

    /// A band whose heading lines sit above its rows (the wide layout puts them beside).
    struct Band {
        var heading: [(text: String, metrics: TextMetrics, cssClass: String?, weight: String?)]
        var layers: ArraySlice<LayerItem>
        var showShared = true

        static let rowInset = 6.0

        func headingLines(width: Double) -> [(String, TextMetrics, String?, String?)] {
            heading.flatMap { part in
                Narrow.wrap(part.text, maxWidth: width - 2 * Band.rowInset - 4, metrics: part.metrics)
                    .map { ($0, part.metrics, part.cssClass, part.weight) }
            }
        }

        func height(width: Double) -> Double {
            let headingHeight = Narrow.height(lines: headingLines(width: width).count)
            return headingHeight + Narrow.rowsHeight(layers, width: width - 2 * Band.rowInset)
                + (layers.isEmpty ? 0 : Band.rowInset)
        }

        func nodes(frame: Rect) -> [SVGNode] {
            var labels: [SVGNode] = []
            for (index, line) in headingLines(width: frame.width).enumerated() {
                labels.append(Draw.text(line.0, x: frame.x + Band.rowInset + 2, y: frame.y + 16 + Double(index) * Narrow.lineHeight,
                                        maxWidth: frame.width - 2 * Band.rowInset - 4, metrics: line.1,
                                        cssClass: line.2, weight: line.3))
            }
            let box = Draw.box(frame, cssClass: "group", strokeWidth: 0.6, radius: 6, labels: labels)
            return [box] + Narrow.column(layers, x: frame.x + Band.rowInset, width: frame.width - 2 * Band.rowInset,
                                         bottom: frame.maxY - Band.rowInset, showShared: showShared)
        }
    }

    /// The legend, one item per line when they do not fit side by side.
    static func legend(_ items: [Legend.Item], y: Double) -> (nodes: [SVGNode], height: Double) {
        Legend.row(items, y: y, maxX: width - margin, x: margin, metrics: small)
    }

    /// The legend items of a stack of layers.
    static func layerLegend(includeShared: Bool) -> [Legend.Item] {
        var items = [Legend.Item(cssClass: "layer-fs", dashed: false, label: "layer (height: log of its size)")]
        if includeShared { items.append(Legend.Item(cssClass: "shared-mark", dashed: false, label: "shared with other images")) }
        return items
    }
}

extension Narrow {
    /// One line of a node box: its text, size, class and weight.
    typealias NodeLine = (text: String, metrics: TextMetrics, cssClass: String?, weight: String?)

    /// A full-width node of the process and chain views: a box with three lines of text at
    /// baselines 20, 37 and 53 units below its top, 12 units in from each side.
    static func node(_ frame: Rect, cssClass: String, dashed: Bool, lines: [NodeLine]) -> SVGNode {
        let baselines = [20.0, 37, 53]
        return Draw.box(frame, cssClass: cssClass, dashed: dashed, strokeWidth: 1.4, radius: 6, labels: zip(lines, baselines).map { line, baseline in
            Draw.text(line.text, x: frame.x + 12, y: frame.y + baseline, maxWidth: frame.width - 24, metrics: line.metrics,
                      cssClass: line.cssClass, weight: line.weight)
        })
    }

    /// The arrow from one node down to the next, `gap` units long below `top` at `x`, and
    /// its muted label (`from Dockerfile` → `builds`, `FROM`) `labelInset` units to its right.
    static func downArrow(x: Double, top: Double, gap: Double, label: String, labelInset: Double, labelWidth: Double) -> [SVGNode] {
        [
            Draw.arrow(from: (x, top + 2), to: (x, top + gap - 2)),
            Draw.text(label, x: x + labelInset, y: top + gap / 2 + 4, maxWidth: labelWidth, metrics: small, cssClass: "muted"),
        ]
    }
}

extension Narrow {
    /// The phone-sized document of a view whose wide document (`wide`) gives the title and
    /// description, classed `strata-diagram-VIEW strata-diagram-narrow`; `height` in units.
    static func document(like wide: SVGDocument, height: Double, view: String, body: [SVGNode]) -> SVGDocument {
        SVGDocument(idPrefix: wide.idPrefix, width: width, height: height, title: wide.title, description: wide.description,
                    viewClass: "strata-diagram-\(view) strata-diagram-narrow", body: body)
    }
}
