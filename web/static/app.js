// CCHC Inspect: the little the pages need beyond HTML (htmx does the rest).
// No inline script anywhere: this file is all there is.
(function () {
  "use strict";
  var lang = document.body.getAttribute("data-lang") || "vi";
  var words = {
    vi: {
      offline: "Không gửi được: mạng đang gián đoạn. Những gì bạn đã nhập vẫn còn trên trang; hãy bấm Lưu lại khi có mạng.",
      failed: "Máy chủ không nhận được yêu cầu. Những gì bạn đã nhập vẫn còn; hãy thử lại.",
      sending: "Đang lưu…"
    },
    en: {
      offline: "Could not send: the network is down. What you typed is still on the page; press Save again when the network is back.",
      failed: "The server could not take the request. What you typed is still here; please try again.",
      sending: "Saving…"
    }
  }[lang];

  var banner = function (text) {
    var el = document.getElementById("net-status");
    if (!el) { return; }
    el.textContent = text || "";
    el.hidden = !text;
  };

  // A save that does not reach the server keeps the form as it is and says so.
  document.addEventListener("htmx:sendError", function (e) {
    banner(words.offline);
    var form = e.detail.elt && e.detail.elt.closest ? e.detail.elt.closest("form") : null;
    if (form) { form.setAttribute("data-unsent", "true"); }
  });
  document.addEventListener("htmx:responseError", function (e) {
    // 4xx answers carry the form with its errors: htmx swaps them (see
    // htmx:beforeSwap); anything else is a failure to report.
    if (e.detail.xhr && e.detail.xhr.status >= 500) { banner(words.failed); }
  });
  document.addEventListener("htmx:beforeSwap", function (e) {
    var st = e.detail.xhr.status;
    if (st === 409 || st === 413 || st === 415 || st === 422 || st === 403) {
      e.detail.shouldSwap = true;
      e.detail.isError = false;
    }
  });
  document.addEventListener("htmx:afterRequest", function (e) {
    if (e.detail.successful) { banner(""); }
  });
  window.addEventListener("online", function () { banner(""); });

  // Figures that cannot be true together are flagged before they are sent:
  // an element with data-check="le" compares the sum of its data-parts with
  // the sum of its data-whole (field names of the same form).
  var sum = function (form, names) {
    return names.split(",").reduce(function (acc, n) {
      var el = form.elements[n.trim()];
      var v = el ? parseFloat(String(el.value).replace(",", ".")) : 0;
      return acc + (isNaN(v) ? 0 : v);
    }, 0);
  };
  var checkForm = function (form) {
    var checks = form.querySelectorAll("[data-check]");
    for (var i = 0; i < checks.length; i++) {
      var c = checks[i];
      var parts = sum(form, c.getAttribute("data-parts"));
      var whole = sum(form, c.getAttribute("data-whole"));
      c.hidden = !(c.getAttribute("data-check") === "le" && parts > whole);
    }
  };
  document.addEventListener("input", function (e) {
    var form = e.target.form;
    if (form && form.querySelector("[data-check]")) { checkForm(form); }
  });
  document.addEventListener("DOMContentLoaded", function () {
    var forms = document.querySelectorAll("form");
    for (var i = 0; i < forms.length; i++) {
      if (forms[i].querySelector("[data-check]")) { checkForm(forms[i]); }
    }
  });
})();
