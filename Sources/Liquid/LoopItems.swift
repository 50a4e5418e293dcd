/// The items one `for` or `tablerow` visits after `offset` and `limit`: a slice of an array, or a slice of
/// a range whose integers are made one at a time, so a loop over `(1..1000000000)` never builds an array.
struct LoopItems {
    private enum Source {
        case values(ArraySlice<Value>)
        case integers(first: Int)
    }

    private let source: Source
    /// How many items the loop visits.
    let count: Int
    /// Visit the items last first (`for … reversed`).
    var reversed = false

    /// Items `from ..< to` of `collection` (as Liquid slices: a negative `from` starts at 0, `to` nil means
    /// the end). A range whose size overflows is treated as `Int.max` long; the loop limit stops it.
    init(_ collection: Value, from: Int, to: Int?) {
        if case .range(let lo, let hi) = collection {
            let total = Value.rangeCount(lo, hi) ?? Int.max
            let start = min(max(from, 0), total)
            let end = min(max(to ?? total, start), total)
            source = .integers(first: lo + start)
            count = end - start
        } else {
            let all = collection.elements
            let start = min(max(from, 0), all.count)
            let end = min(max(to ?? all.count, start), all.count)
            source = .values(all[start..<end])
            count = end - start
        }
    }

    subscript(position: Int) -> Value {
        let k = reversed ? count - 1 - position : position
        switch source {
        case .values(let slice): return slice[slice.startIndex + k]
        case .integers(let first): return .int(first + k)
        }
    }
}

/// `a + b`, pinned to `Int.min`/`Int.max` instead of trapping: loop bounds from templates can be anything.
func saturatingAdd(_ a: Int, _ b: Int) -> Int {
    let (sum, overflow) = a.addingReportingOverflow(b)
    guard overflow else { return sum }
    return b > 0 ? Int.max : Int.min
}
