// showcase serve: reloads this page when a rebuild changes it, and shows content errors over it. Served only by
// `showcase serve`, never part of a built site. Text from the server goes into the page with textContent only.
(function () {
  "use strict";
  var here = location.pathname.replace(/^\//, "");
  if (here === "" || here.slice(-1) === "/") here += "index.html";
  var build = null;
  var overlay = null;

  function clearOverlay() {
    if (overlay) { overlay.remove(); overlay = null; }
  }

  function line(p) {
    var s = p.file;
    if (p.line) s += ":" + p.line + (p.col ? ":" + p.col : "");
    s += ": ";
    if (p.severity === "warning") s += "warning: ";
    if (p.field) s += p.field + ": ";
    s += p.message;
    if (p.hint) s += " (" + p.hint + ")";
    return s;
  }

  function showProblems(problems) {
    clearOverlay();
    overlay = document.createElement("div");
    overlay.setAttribute("role", "alert");
    overlay.setAttribute("data-showcase-overlay", "");
    var st = overlay.style;
    st.position = "fixed"; st.inset = "0"; st.zIndex = "2147483647"; st.overflow = "auto";
    st.background = "rgba(20, 8, 8, 0.94)"; st.color = "#fff"; st.padding = "2rem";
    st.font = "15px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace";
    var h = document.createElement("h2");
    h.textContent = "showcase: the content has errors — this page shows the last good build";
    h.style.font = "bold 18px/1.4 system-ui, sans-serif"; h.style.margin = "0 0 1rem"; h.style.color = "#ffb4a8";
    overlay.appendChild(h);
    var list = document.createElement("ul");
    list.style.margin = "0"; list.style.paddingLeft = "1.2rem";
    problems.forEach(function (p) {
      var li = document.createElement("li");
      li.textContent = line(p);
      li.style.marginBottom = "0.6rem"; li.style.whiteSpace = "pre-wrap";
      if (p.severity === "warning") li.style.color = "#ffe08a";
      list.appendChild(li);
    });
    overlay.appendChild(list);
    var note = document.createElement("p");
    note.textContent = "Fix the file and save: this page reloads by itself.";
    note.style.font = "14px/1.4 system-ui, sans-serif"; note.style.color = "#ddd";
    overlay.appendChild(note);
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "Hide";
    close.style.font = "14px system-ui, sans-serif"; close.style.padding = "0.3rem 1rem";
    close.addEventListener("click", clearOverlay);
    overlay.appendChild(close);
    (document.body || document.documentElement).appendChild(overlay);
    close.focus();
  }

  function touchesThisPage(changed) {
    return changed.some(function (f) {
      return f === here || /\.(css|js|svg|png|jpe?g|gif|webp|avif)$/.test(f);
    });
  }

  var events = new EventSource("/__showcase/events");
  events.addEventListener("hello", function (e) {
    var d = JSON.parse(e.data);
    if (build !== null && d.build !== build) { location.reload(); return; } // rebuilt while we were away
    build = d.build;
    if (d.problems && d.problems.length) showProblems(d.problems); else clearOverlay();
  });
  events.addEventListener("built", function (e) {
    var d = JSON.parse(e.data);
    build = d.build;
    clearOverlay();
    var to = (d.moved || {})[here]; // this page moved (a new slug): go to its new address
    if (typeof to === "string" && /^[a-z0-9][a-z0-9\/._-]*$/.test(to)) {
      location.replace("/" + to.replace(/index\.html$/, ""));
      return;
    }
    if (touchesThisPage(d.changed || [])) location.reload();
  });
  events.addEventListener("problems", function (e) {
    showProblems(JSON.parse(e.data).problems || []);
  });
})();
