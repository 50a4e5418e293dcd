// Strata's Docker explainer: steps through the story the generator computed from the layer
// model (embedded as JSON) and draws each state. Without this script the figure's static
// version (steps in words, the Dockerfile and the SVG diagrams) stays visible.
(function () {
  "use strict";

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "text") node.textContent = attrs[key];
      else node.setAttribute(key, attrs[key]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  // Swift leaves nil values out of the JSON, so "no layer" arrives as undefined (or null).
  function has(value) { return value !== null && value !== undefined; }

  // Three significant digits and decimal units, as docker history prints sizes.
  function size(bytes) {
    var units = ["B", "kB", "MB", "GB"], value = Math.max(0, bytes || 0), unit = 0;
    while (value >= 1000 && unit < units.length - 1) { value /= 1000; unit++; }
    if (unit === 0) return value + " B";
    return Number(value.toPrecision(3)) + " " + units[unit];
  }

  function short(text, max) {
    var line = String(text).replace(/\s+/g, " ");
    return line.length > max ? line.slice(0, max - 1) + "…" : line;
  }

  function Explainer(root) {
    this.root = root;
    this.story = JSON.parse(root.querySelector("script.explainer-data").textContent);
    this.prefix = root.getAttribute("data-hash-prefix") || "explainer-step-";
    this.index = 0;
    this.build();
    var fromHash = this.stepFromHash();
    this.show(fromHash === null ? 0 : fromHash, false);
    if (fromHash !== null) root.scrollIntoView();
  }

  Explainer.prototype.stepFromHash = function () {
    var hash = decodeURIComponent(location.hash.slice(1));
    if (hash.indexOf(this.prefix) !== 0) return null;
    var number = parseInt(hash.slice(this.prefix.length), 10);
    if (!(number >= 1 && number <= this.story.steps.length)) return null;
    return number - 1;
  };

  Explainer.prototype.build = function () {
    var self = this, id = this.root.id;
    this.prev = el("button", { type: "button", class: "explainer-prev", "aria-controls": id + "-state" });
    this.prev.textContent = "← Previous";
    this.next = el("button", { type: "button", class: "explainer-next", "aria-controls": id + "-state" });
    this.next.textContent = "Next →";
    this.progress = el("span", { class: "explainer-progress" });
    this.title = el("p", { class: "explainer-title" });
    this.text = el("p", { class: "explainer-text" });
    this.terminal = el("div", { class: "explainer-terminal" });
    this.live = el("p", { class: "explainer-live", "aria-live": "polite", "aria-atomic": "true" });
    // The story's four parts; each button goes to the part's first step.
    this.parts = el("ol", { class: "explainer-parts", "aria-label": "Parts of the story" });
    this.story.steps.forEach(function (step, index) {
      if (index && self.story.steps[index - 1].part === step.part) return;
      var button = el("button", { type: "button", "data-part": step.part,
        text: step.part.charAt(0).toUpperCase() + step.part.slice(1) });
      button.addEventListener("click", function () { self.go(index); });
      self.parts.appendChild(el("li", {}, [button]));
    });
    this.disk = el("div", { class: "explainer-disk" });
    this.lines = el("ol", { class: "explainer-lines", "aria-label": this.story.dockerfile.path });
    this.stack = el("div", { class: "explainer-stack" });
    this.merged = el("div", { class: "explainer-merged" });

    var instructionAt = {};
    this.story.instructions.forEach(function (instruction) {
      for (var line = instruction.startLine; line <= instruction.endLine; line++) instructionAt[line] = instruction;
    });
    this.story.dockerfile.lines.forEach(function (text, offset) {
      var number = offset + 1, instruction = instructionAt[number];
      var item = el("li", { "data-line": String(number) }, [
        el("span", { class: "explainer-lineno", "aria-hidden": "true", text: String(number) }),
        el("code", { text: text || " " })
      ]);
      if (instruction && has(instruction.layer)) {
        item.setAttribute("data-layer", String(instruction.layer));
        if (number === instruction.startLine) item.setAttribute("tabindex", "0");
      }
      self.lines.appendChild(item);
    });

    var panes = el("div", { class: "explainer-panes", id: id + "-state" }, [
      el("section", { class: "explainer-pane explainer-pane-dockerfile", "aria-label": "Dockerfile" }, [
        el("h4", { text: "Dockerfile" }), this.lines]),
      el("section", { class: "explainer-pane explainer-pane-stack", "aria-label": "Layers" }, [this.stack]),
      el("section", { class: "explainer-pane explainer-pane-merged", "aria-label": "Merged view" }, [
        this.mergedTitle = el("h4"), this.merged, this.disk])
    ]);
    var app = el("div", { class: "explainer-app" }, [
      el("div", { class: "explainer-controls" }, [this.prev, this.progress, this.next]),
      this.parts, this.title, this.text, this.terminal, this.live, panes
    ]);
    var staticPart = this.root.querySelector(".explainer-static");
    if (staticPart) staticPart.hidden = true;
    this.root.classList.add("explainer-ready");
    this.root.insertBefore(app, this.root.querySelector("script.explainer-data"));

    this.prev.addEventListener("click", function () { self.go(self.index - 1); });
    this.next.addEventListener("click", function () { self.go(self.index + 1); });
    this.root.addEventListener("keydown", function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      var target = { ArrowLeft: self.index - 1, ArrowRight: self.index + 1, Home: 0, End: self.story.steps.length - 1 }[event.key];
      if (target === undefined) return;
      event.preventDefault();
      self.go(target);
    });
    ["mouseover", "focusin"].forEach(function (type) {
      self.root.addEventListener(type, function (event) { self.link(event.target); });
    });
    ["mouseout", "focusout"].forEach(function (type) {
      self.root.addEventListener(type, function () { self.link(null); });
    });
    window.addEventListener("hashchange", function () {
      var step = self.stepFromHash();
      if (step !== null && step !== self.index) self.show(step, true);
    });
  };

  // Hovering or focusing a layer lights its Dockerfile lines, and a line lights its layer.
  Explainer.prototype.link = function (target) {
    var item = target && target.closest ? target.closest("[data-layer]") : null;
    var layer = item ? item.getAttribute("data-layer") : null;
    this.root.querySelectorAll(".is-linked").forEach(function (node) { node.classList.remove("is-linked"); });
    if (layer === null) return;
    this.root.querySelectorAll('[data-layer="' + layer + '"]').forEach(function (node) { node.classList.add("is-linked"); });
  };

  Explainer.prototype.go = function (index) {
    if (index < 0 || index >= this.story.steps.length || index === this.index) return;
    this.show(index, true);
    history.replaceState(null, "", "#" + this.prefix + (index + 1));
  };

  Explainer.prototype.show = function (index, announce) {
    var step = this.story.steps[index], total = this.story.steps.length;
    this.index = index;
    this.root.setAttribute("data-step", String(step.number));
    this.root.setAttribute("data-phase", step.phase);
    // A disabled button drops focus to the page; keep it on the stepper so keys still work.
    var focused = document.activeElement;
    this.prev.disabled = index === 0;
    this.next.disabled = index === total - 1;
    if (focused === this.prev && this.prev.disabled) this.next.focus();
    if (focused === this.next && this.next.disabled) this.prev.focus();
    this.progress.textContent = "Step " + step.number + " of " + total;
    this.parts.querySelectorAll("button").forEach(function (button) {
      if (button.getAttribute("data-part") === step.part) button.setAttribute("aria-current", "step");
      else button.removeAttribute("aria-current");
    });
    this.title.textContent = step.title;
    this.text.textContent = step.text;
    this.drawTerminal(step);
    if (announce) this.live.textContent = "Step " + step.number + " of " + total + ": " + step.title + ". " + step.text;
    this.lines.querySelectorAll("li").forEach(function (line) {
      line.classList.toggle("is-current", step.lines.indexOf(Number(line.getAttribute("data-line"))) >= 0);
    });
    this.drawStack(step);
    this.drawMerged(step);
    this.drawDisk(step);
  };

  Explainer.prototype.layerLabel = function (index) {
    var layer = this.story.layers[index];
    if (layer.keyword === "COMMIT") return "COMMIT the container's changes";
    var text = layer.createdBy.replace(/^[A-Z]+\s+/, "").replace(/^\/bin\/sh -c\s+/, "").replace(/\s+# buildkit$/, "");
    return layer.keyword + " " + short(text, 60);
  };

  // The command a reader would type for this step and what Docker prints, both from the model.
  Explainer.prototype.drawTerminal = function (step) {
    this.terminal.replaceChildren();
    if (!has(step.command)) return;
    this.terminal.appendChild(el("pre", { class: "explainer-command", tabindex: "0", "aria-label": "Command" }, [
      el("code", { text: "$ " + step.command })]));
    if (has(step.output) && step.output.length) {
      this.terminal.appendChild(el("pre", { class: "explainer-output", tabindex: "0", "aria-label": "Output" }, [
        el("code", { text: step.output.replace(/\n$/, "") })]));
    }
  };

  Explainer.prototype.drawStack = function (step) {
    var story = this.story, self = this, image = story.images[step.image];
    var column = el("div", { class: "explainer-image" + (step.locked ? " is-locked" : "") });
    // The writable layer belongs to the container, so it sits above the image, not under its heading.
    if (step.container) {
      var row = el("div", { class: "explainer-containers" });
      [step.container].concat(step.others || []).forEach(function (c) {
        row.appendChild(el("div", { class: "explainer-container" }, [
          el("h4", { text: "Container " + c.name + " (read-write)" }), self.writable(c)]));
      });
      column.appendChild(row);
    }
    column.appendChild(el("h4", { text: (step.locked ? "Image " : "Building ") + image.name + (step.locked ? " (read-only layers)" : "") }));
    var list = el("ol", { class: "explainer-layers", reversed: "" });
    var shown = image.layers.slice(0, step.layerCount).reverse(), group = null;
    shown.forEach(function (index) {
      var layer = story.layers[index];
      if (!group || group.origin !== layer.origin) {
        group = { origin: layer.origin, items: el("ol", { class: "explainer-group-layers" }) };
        // Base images repeat on every step: folded to one line unless this step adds to them.
        var base = layer.origin !== story.images[0].name && layer.origin !== image.name;
        var label = el(base ? "summary" : "span", { class: "explainer-origin", text: layer.origin });
        var box = base ? el("details", { class: "explainer-fold" }, [label, group.items]) : null;
        list.appendChild(el("li", { class: "explainer-group" }, base ? [box] : [label, group.items]));
        group.fold = box;
      }
      if (group.fold && index === step.newLayer) group.fold.open = true;
      var item = el("li", {
        class: "explainer-layer" + (index === step.newLayer ? " is-new" : "") + (layer.keyword === "COMMIT" ? " is-commit" : ""),
        "data-layer": String(index), tabindex: "0"
      }, [
        el("span", { class: "explainer-layer-label", text: self.layerLabel(index) }),
        el("span", { class: "explainer-layer-size", text: size(layer.size) })
      ]);
      item.setAttribute("aria-label", "Layer " + layer.id + ": " + layer.keyword + ", " + size(layer.size) + ", from " + layer.origin);
      group.items.appendChild(item);
    });
    if (!shown.length) list.appendChild(el("li", { class: "explainer-empty", text: "No layers yet." }));
    column.appendChild(list);
    column.appendChild(el("p", { class: "explainer-image-meta",
      text: step.layerCount + " layers · " + size(sum(image.layers.slice(0, step.layerCount))) + (step.locked ? " · id " + image.id : "") }));
    if (step.locked) column.appendChild(this.configCard(image));
    this.stack.replaceChildren(column);
    if (has(step.besideImage)) this.stack.appendChild(this.beside(story.images[step.besideImage], image));

    function sum(indices) { return indices.reduce(function (total, i) { return total + story.layers[i].size; }, 0); }
  };

  // Config and history are the image's metadata, not layers: a card of their own.
  Explainer.prototype.configCard = function (image) {
    var empty = image.historyCount - image.layers.length;
    var card = el("div", { class: "explainer-config" }, [
      el("p", { class: "explainer-config-title", text: "Config and history (not layers)" }),
      el("p", { class: "explainer-note", text: "docker history: " + image.historyCount + " rows (" + image.layers.length +
        " layers + " + empty + " empty_layer entries) · docker image inspect: " + image.layers.length + " layers" })
    ]);
    var list = el("ul", { class: "explainer-settings" });
    (image.settings || []).forEach(function (line) { list.appendChild(el("li", {}, [el("code", { text: line })])); });
    if (list.children.length) card.appendChild(list);
    return card;
  };

  Explainer.prototype.writable = function (container) {
    var self = this, box = el("div", { class: "explainer-writable" }, [
      el("p", { class: "explainer-writable-title", text: "Container " + container.name + ": writable layer · " + size(container.size) })
    ]);
    if (!container.changes.length) box.appendChild(el("p", { class: "explainer-note", text: "Empty: nothing written yet." }));
    var list = el("ul", { class: "explainer-changes" });
    container.changes.forEach(function (change) {
      // overlay2 keeps a deletion as a 0/0 character device; the .wh. name appears once committed.
      var stored = change.storedPath.split("/").pop();
      var words = { added: "new file", modified: "copied up, modified",
        deleted: "whiteout: 0/0 device, " + stored + " when committed" }[change.kind] || change.kind;
      var from = has(change.copiedUpFrom) ? " from layer " + self.story.layers[change.copiedUpFrom].id : "";
      list.appendChild(el("li", { class: "explainer-change is-" + change.kind }, [
        el("code", { text: change.path }),
        el("span", { class: "explainer-badge", text: words + from })
      ]));
    });
    if (container.changes.length) box.appendChild(list);
    return box;
  };

  Explainer.prototype.beside = function (image, current) {
    var story = this.story, own = image.layers.filter(function (i) { return current.layers.indexOf(i) < 0; });
    var isNew = own.length > 0;
    var card = el("div", { class: "explainer-beside" + (isNew ? " is-new-image" : " is-original") }, [
      el("h4", { text: (isNew ? "New image " : "Original image ") + image.name }),
      el("p", { class: "explainer-image-meta", text: image.layers.length + " layers · " + size(image.size) + " · id " + image.id })
    ]);
    var bars = el("ol", { class: "explainer-bars", "aria-label": "Layers of " + image.name, reversed: "" });
    image.layers.slice().reverse().forEach(function (index) {
      var added = own.indexOf(index) >= 0, layer = story.layers[index];
      bars.appendChild(el("li", { class: "explainer-bar" + (added ? " is-commit" : ""), "data-layer": String(index),
        title: layer.keyword + " " + layer.id, text: added ? "+ " + layer.keyword + " · " + size(layer.size) : "" }));
    });
    card.appendChild(bars);
    card.appendChild(el("p", { class: "explainer-note", text: isNew
      ? "The same layers as " + current.name + ", plus one on top."
      : "Unchanged: still " + image.layers.length + " layers, id " + image.id + "." }));
    return card;
  };

  Explainer.prototype.drawMerged = function (step) {
    var story = this.story, list = el("ul", { class: "explainer-files", tabindex: "0", "aria-label": "Folder tree" });
    this.mergedTitle.textContent = step.container ? "What the container sees" : step.locked ? "Files in the image" : "Files in the image so far";
    if (!step.merged.length) list.appendChild(el("li", { class: "explainer-empty", text: "No files yet." }));
    step.merged.forEach(function (file) {
      // A folder tree as dive draws it: the name indented under its folder, where it comes from, its size.
      var source = file.status === "folder" ? "" : !has(file.layer)
        ? (file.status === "copied-up" ? "writable layer (copied up from " + story.layers[file.copiedFrom].id + ")" : "writable layer")
        : story.layers[file.layer].keyword + " " + story.layers[file.layer].id + " · " + story.layers[file.layer].origin;
      var fresh = file.layer === step.newLayer && has(step.newLayer);
      var item = el("li", { class: "explainer-file is-" + file.status + (fresh ? " is-fresh" : ""), style: "--depth:" + file.depth,
        title: file.path }, [
        el("code", { text: file.path.split("/").pop() + (file.directory ? "/" : "") }),
        el("span", { class: "explainer-badge", text: (source ? source + " · " : "") + size(file.size) })
      ]);
      if (has(file.layer)) item.setAttribute("data-layer", String(file.layer));
      list.appendChild(item);
    });
    this.merged.replaceChildren(list);
    // The listing is long and sorted by path: bring what this step changed into view.
    var first = list.querySelector(".is-added, .is-copied-up, .is-fresh");
    list.scrollTop = first ? Math.max(0, first.offsetTop - list.clientHeight / 3) : 0;
    if (step.hidden.length) {
      var hidden = el("ul", { class: "explainer-files explainer-hidden" });
      step.hidden.forEach(function (file) {
        hidden.appendChild(el("li", { class: "explainer-file is-whiteout", "data-layer": String(file.layer) }, [
          el("code", { text: file.path }),
          el("span", { class: "explainer-badge", text: "still stored in " + story.layers[file.layer].id + " · " + size(file.size) })
        ]));
      });
      this.merged.appendChild(el("p", { class: "explainer-note", text: "Hidden by a whiteout, but still counted in the image's size:" }));
      this.merged.appendChild(hidden);
    }
    // dive's score: bytes stored more than once (a copy-up, a file hidden by a whiteout) are wasted.
    var image = story.images[step.image];
    if (step.locked) this.merged.appendChild(el("p", { class: "explainer-note explainer-efficiency",
      text: image.name + ": efficiency " + (Math.floor(image.efficiency * 10000) / 100) + " % · wasted " + size(image.wastedBytes) + " (as dive counts them)" }));
  };

  // overlay2 on disk: the image's layers as lower directories, the container's upper directory,
  // and after a commit the new layer's tar, where a deletion is a .wh. file.
  Explainer.prototype.drawDisk = function (step) {
    var story = this.story, disk = step.disk;
    this.disk.replaceChildren();
    if (!disk) return;
    function entries(list, label) {
      var ul = el("ul", { class: "explainer-files explainer-disk-entries", "aria-label": label });
      list.forEach(function (entry) {
        ul.appendChild(el("li", { class: "explainer-file" }, [el("code", { text: entry.path }),
          el("span", { class: "explainer-badge", text: entry.kind + (has(entry.size) ? " · " + size(entry.size) : "") })]));
      });
      if (!list.length) ul.appendChild(el("li", { class: "explainer-empty", text: "Empty." }));
      return ul;
    }
    this.disk.appendChild(el("h4", { text: "On disk (overlay2)" }));
    this.disk.appendChild(el("p", { class: "explainer-note", text: "lowerdir, read-only, top first: " +
      disk.lower.map(function (i) { return story.layers[i].id; }).join(", ") }));
    this.disk.appendChild(el("p", { class: "explainer-note", text: "upperdir, " + step.container.name + "'s writable layer:" }));
    this.disk.appendChild(entries(disk.upper, "upperdir"));
    this.disk.appendChild(el("p", { class: "explainer-note", text: "merged: the folder tree above, what the container sees." }));
    if (disk.tar.length) {
      this.disk.appendChild(el("p", { class: "explainer-note", text: "The new layer's tar, written by docker commit:" }));
      this.disk.appendChild(entries(disk.tar, "Layer tar"));
    }
  };

  function start() {
    document.querySelectorAll("figure[data-explainer]").forEach(function (root) {
      try { new Explainer(root); } catch (error) {
        // A broken data block leaves the static version in place rather than an empty figure.
        if (window.console) console.warn("explainer: " + error.message);
      }
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
