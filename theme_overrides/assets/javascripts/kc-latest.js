/*
 * "Tin mới" beside articles and lists (theme_overrides/partials/kc/macros.html, aside): the
 * latest articles come from tin-moi.json, written by the plugin at each build, so that a new
 * article changes that one small file instead of every page of the site. Without JavaScript
 * the block keeps its link to the home page's latest news.
 */
(function () {
  "use strict";

  function fill(block) {
    var source = block.getAttribute("data-kc-latest");
    var base = block.getAttribute("data-kc-base") || "";
    var exclude = block.getAttribute("data-kc-exclude") || "";
    if (!source || !window.fetch) return;
    fetch(source)
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (items) {
        var list = document.createElement("ul");
        list.className = "kc-headlines";
        items
          .filter(function (item) { return item.u !== exclude; })
          .slice(0, 6)
          .forEach(function (item) {
            var li = document.createElement("li");
            var link = document.createElement("a");
            link.href = base + item.u;
            link.textContent = item.t;
            var meta = document.createElement("span");
            meta.className = "kc-meta";
            var time = document.createElement("time");
            time.setAttribute("datetime", item.iso);
            time.textContent = item.d;
            meta.appendChild(time);
            li.appendChild(link);
            li.appendChild(document.createTextNode(" "));
            li.appendChild(meta);
            list.appendChild(li);
          });
        if (!list.children.length) return;
        var more = block.querySelector(".kc-aside__more");
        block.insertBefore(list, more);
        if (more) more.hidden = true;
      })
      .catch(function () { /* the link to the home page stays */ });
  }

  function start() {
    var blocks = document.querySelectorAll("[data-kc-latest]");
    for (var i = 0; i < blocks.length; i++) fill(blocks[i]);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
