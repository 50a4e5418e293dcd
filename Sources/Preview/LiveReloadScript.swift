/// The script injected into served HTML pages: it subscribes to the server's events,
/// reloads on HTML changes (keeping the scroll position), swaps stylesheets on CSS-only
/// changes, and shows or removes the error overlay.
enum LiveReloadScript {
    /// The events endpoint, below the site's base URL.
    static let eventsPath = "/__strata/events"

    static func html(baseURL: String) -> String {
        let base = JavaScriptLiteral.string(baseURL)
        let styles = [
            JavaScriptLiteral.string(ErrorOverlay.containerStyle),
            JavaScriptLiteral.string(ErrorOverlay.titleStyle),
            JavaScriptLiteral.string(ErrorOverlay.blockStyle),
        ]
        return """
        <script data-strata-livereload>
        (function () {
          "use strict";
          if (!window.EventSource || window.__strataLiveReload) { return; }
          window.__strataLiveReload = true;
          var base = \(base);
          var scrollKey = "strata-scroll:" + location.pathname;
          try {
            var saved = sessionStorage.getItem(scrollKey);
            if (saved !== null) {
              sessionStorage.removeItem(scrollKey);
              var restore = function () { window.scrollTo(0, parseInt(saved, 10) || 0); };
              if (document.readyState === "complete") { restore(); } else { window.addEventListener("load", restore); }
            }
          } catch (e) {}
          function reloadPage() {
            try { sessionStorage.setItem(scrollKey, String(window.scrollY || 0)); } catch (e) {}
            location.reload();
          }
          function swapStylesheets() {
            var stamp = String(Date.now());
            document.querySelectorAll('link[rel~="stylesheet"]').forEach(function (link) {
              var url = new URL(link.href, location.href);
              if (url.origin !== location.origin) { return; }
              url.searchParams.set("strata-reload", stamp);
              var fresh = link.cloneNode();
              fresh.href = url.href;
              fresh.addEventListener("load", function () { link.remove(); });
              fresh.addEventListener("error", function () { link.remove(); });
              link.after(fresh);
            });
          }
          function hideOverlay() {
            var old = document.getElementById("\(ErrorOverlay.elementID)");
            if (old) { old.remove(); }
          }
          function block(text, style) {
            var pre = document.createElement("pre");
            pre.setAttribute("style", style);
            pre.textContent = text;
            return pre;
          }
          function showOverlay(failure) {
            hideOverlay();
            var box = document.createElement("div");
            box.id = "\(ErrorOverlay.elementID)";
            box.setAttribute("role", "alertdialog");
            box.setAttribute("aria-label", "Build failed");
            box.setAttribute("style", \(styles[0]));
            var title = document.createElement("div");
            title.setAttribute("style", \(styles[1]));
            title.textContent = failure.title;
            box.appendChild(title);
            box.appendChild(block(failure.text, \(styles[2])));
            var hint = document.createElement("div");
            hint.setAttribute("style", "color:#a1a1aa");
            hint.textContent = \(JavaScriptLiteral.string(ErrorOverlay.hint));
            box.appendChild(hint);
            (document.body || document.documentElement).appendChild(box);
          }
          var events = new EventSource(base + "\(eventsPath)");
          events.addEventListener("reload", function (event) {
            var change = JSON.parse(event.data);
            if (change.cssOnly) { swapStylesheets(); } else { reloadPage(); }
          });
          events.addEventListener("failure", function (event) { showOverlay(JSON.parse(event.data)); });
          events.addEventListener("recovered", hideOverlay);
        })();
        </script>
        """
    }
}
