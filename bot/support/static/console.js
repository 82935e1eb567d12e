// Support console: keep the open transcript at its newest message, and notice new activity
// (the parent wrote, the bot answered) by polling a small status endpoint.
(function () {
  "use strict";
  var convo = document.getElementById("convo");
  if (!convo) return;
  var end = document.getElementById("end");
  if (end && !location.hash) end.scrollIntoView({ block: "end" });
  var url = convo.getAttribute("data-status-url");
  var last = convo.getAttribute("data-last");
  var handed = convo.getAttribute("data-handed");
  var fresh = document.getElementById("fresh");
  function typing() {
    var fields = document.querySelectorAll("textarea");
    for (var i = 0; i < fields.length; i++) {
      if (fields[i].value.trim() || document.activeElement === fields[i]) return true;
    }
    return false;
  }
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (s) {
        if (!s) return;
        var changed = String(s.last_message_id) !== last || String(s.handed_off) !== handed;
        if (!changed) return;
        if (typing()) { fresh.hidden = false; } else { location.replace(location.pathname + "#end"); location.reload(); }
      })
      .catch(function () {});
  }
  setInterval(poll, 4000);
})();
