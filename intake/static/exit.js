// "Exit this page" (the GOV.UK pattern): the button, or Shift pressed 3 times within 5 seconds, blanks
// the page, asks the server to forget this browser's chat cookie, clears this site's storage and
// replaces the page with a neutral site, so Back does not return here.
(function () {
  "use strict";
  var button = document.getElementById("exit-this-page");
  if (!button) { return; }
  var exitUrl = button.getAttribute("href");
  var presses = [];
  var leaving = false;

  function forgetChat() {
    try {
      fetch("/api/chat/exit", { method: "POST", keepalive: true, credentials: "same-origin" });
    } catch (e) {
      if (navigator.sendBeacon) { navigator.sendBeacon("/api/chat/exit"); }
    }
    try { window.localStorage.clear(); window.sessionStorage.clear(); } catch (e) { /* storage may be off */ }
  }

  function exitPage(event) {
    if (event) { event.preventDefault(); }
    if (leaving) { return; }
    leaving = true;
    document.title = "";
    document.body.textContent = "";
    forgetChat();
    window.location.replace(exitUrl);
  }

  button.addEventListener("click", exitPage);
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift" || event.repeat) { return; }
    var now = Date.now();
    presses = presses.filter(function (t) { return now - t < 5000; });
    presses.push(now);
    if (presses.length >= 3) { exitPage(); }
  });
})();
