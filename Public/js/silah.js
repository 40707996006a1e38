// Small improvements over pages that already work without JavaScript.
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});

// As people type a date, an ID or a mobile, say what Silah understood (Hijri and Gregorian, or why
// the number is refused). The form works without this; the server checks everything again.
(function () {
  var lang = document.documentElement.lang === "en" ? "En" : "Ar";
  function hint(input) { return input.parentNode.querySelector(".live-hint"); }
  function show(input, text, ok) {
    var box = hint(input);
    if (!box) { return; }
    box.textContent = text;
    box.className = "live-hint " + (ok ? "ok" : "bad");
    // A number with its tick reads left to right; a reason reads in the page's direction.
    box.dir = /^✓/.test(text) ? "ltr" : "auto";
  }
  function asDate(text) {
    var digits = text.replace(/[٠-٩]/g, function (d) { return String(d.charCodeAt(0) - 0x660); })
      .replace(/[^0-9\/\-]/g, "");
    var parts = digits.split(/[\/\-]/);
    if (parts.length !== 3) { return null; }
    if (parts[0].length !== 4) { parts = [parts[2], parts[1], parts[0]]; }
    var iso = parts[0] + "-" + ("0" + parts[1]).slice(-2) + "-" + ("0" + parts[2]).slice(-2);
    var year = parseInt(parts[0], 10);
    return (year >= 1300 && year <= 1600 ? "hijri=" : "gregorian=") + iso;
  }
  function check(input) {
    var value = input.value.trim();
    if (!value) { show(input, "", true); return; }
    var kind = input.getAttribute("data-kind"), url;
    if (kind === "date") {
      var query = asDate(value);
      if (!query) { return; }
      url = "/api/v1/calendar/convert?" + query;
    } else if (kind === "national-id") {
      url = "/api/v1/validate/national-id?value=" + encodeURIComponent(value);
    } else if (kind === "mobile") {
      url = "/api/v1/validate/mobile?value=" + encodeURIComponent(value);
    } else { return; }
    fetch(url).then(function (r) { return r.json(); }).then(function (body) {
      if (kind === "date") {
        if (body.hijri) { show(input, body["hijriText" + lang] + " — " + body["gregorianText" + lang], true); }
        else { show(input, body["reason" + lang], false); }
      } else {
        show(input, body.valid ? "✓ " + (body.e164 || body.normalized) : body["reason" + lang], body.valid);
      }
    }).catch(function () {});
  }
  document.querySelectorAll("input[data-kind]").forEach(function (input) {
    input.addEventListener("change", function () { check(input); });
    input.addEventListener("blur", function () { check(input); });
  });
})();

// The declaration: a signature drawn with a finger, a stylus or a mouse becomes a PNG in the form;
// only the fields of the chosen signing method are shown.
document.querySelectorAll("[data-signature-pad]").forEach(function (canvas) {
  var form = canvas.closest("form");
  var field = form.querySelector("input[name=signature]");
  var context = canvas.getContext("2d");
  context.lineWidth = 2.5;
  context.lineCap = "round";
  context.strokeStyle = "#1d2b24";
  var drawing = false;
  function point(event) {
    var box = canvas.getBoundingClientRect();
    return [(event.clientX - box.left) * canvas.width / box.width, (event.clientY - box.top) * canvas.height / box.height];
  }
  canvas.addEventListener("pointerdown", function (event) {
    drawing = true;
    canvas.setPointerCapture(event.pointerId);
    var p = point(event);
    context.beginPath();
    context.moveTo(p[0], p[1]);
  });
  canvas.addEventListener("pointermove", function (event) {
    if (!drawing) return;
    var p = point(event);
    context.lineTo(p[0], p[1]);
    context.stroke();
  });
  function finish() {
    if (!drawing) return;
    drawing = false;
    field.value = canvas.toDataURL("image/png");
  }
  canvas.addEventListener("pointerup", finish);
  canvas.addEventListener("pointerleave", finish);
  form.querySelector("[data-signature-clear]").addEventListener("click", function () {
    context.clearRect(0, 0, canvas.width, canvas.height);
    field.value = "";
  });
});

document.querySelectorAll("[data-signature-method]").forEach(function (select) {
  // The method's parts: in the signing form, and beside it (the form that sends a code).
  var form = select.closest("details") || select.closest("form");
  function show() {
    form.querySelectorAll("[data-method]").forEach(function (part) {
      part.hidden = part.getAttribute("data-method") !== select.value;
      // A hidden method's fields are not sent: no empty file part, no stray code.
      part.querySelectorAll("input").forEach(function (input) { input.disabled = part.hidden; });
    });
  }
  select.addEventListener("change", show);
  show();
});
