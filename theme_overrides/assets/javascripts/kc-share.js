/*
 * Share and print controls of an article (theme_overrides/partials/kc/share.html).
 * Nothing is loaded from another site: Facebook is a plain link; the other controls need
 * JavaScript, so they stay hidden until this script shows them.
 *  - "Chia sẻ…" opens the system share sheet (Web Share API) where the browser has one
 *    (phones: Zalo, Messenger, mail… are in it);
 *  - "Zalo" uses that sheet too; without it, the link is copied and Zalo's web chat opens;
 *  - "Chép liên kết" copies the address;
 *  - "In bài viết" prints the article (Decree 42/2022/NĐ-CP).
 */
(function () {
  "use strict";

  function say(box, text) {
    var status = box.querySelector(".kc-share__status");
    if (status) status.textContent = text;
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // Older browsers, and pages served over plain http: a hidden text area.
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(area);
      if (ok) resolve(); else reject(new Error("copy"));
    });
  }

  function setUp(box) {
    var url = box.getAttribute("data-kc-url") || window.location.href;
    var title = box.getAttribute("data-kc-title") || document.title;
    var canShare = typeof navigator.share === "function";
    var data = { title: title, url: url };

    function show(selector, handler) {
      var button = box.querySelector(selector);
      if (!button) return;
      button.hidden = false;
      button.addEventListener("click", handler);
    }

    function copyLink(message) {
      return copy(url).then(
        function () { say(box, message || "Đã chép liên kết bài viết."); },
        function () { say(box, "Không chép được; hãy chép địa chỉ trên thanh địa chỉ: " + url); }
      );
    }

    if (canShare) {
      show("[data-kc-share-native]", function () {
        navigator.share(data).catch(function () { /* the reader closed the sheet */ });
      });
    }
    show("[data-kc-share-zalo]", function () {
      if (canShare) {
        navigator.share(data).catch(function () {});
        return;
      }
      copyLink("Đã chép liên kết: dán vào tin nhắn Zalo để chia sẻ.").then(function () {
        window.open("https://chat.zalo.me/", "_blank", "noopener");
      });
    });
    show("[data-kc-share-copy]", function () { copyLink(); });
    show("[data-kc-print]", function () { window.print(); });
  }

  function start() {
    var boxes = document.querySelectorAll("[data-kc-share]");
    for (var i = 0; i < boxes.length; i++) setUp(boxes[i]);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
