// register.js names the registration form's button after the chosen way
// of confirmation: «Сохранить» for e-mail, «Отправить СМС» for SMS, as on
// the supplier's old site. Without it the button reads «Сохранить» and
// the form works the same.
(function () {
  "use strict";
  var button = document.getElementById("register-submit");
  if (!button) { return; }
  var save = button.textContent;
  var sms = button.getAttribute("data-sms-label");
  function update() {
    var chosen = document.querySelector("input[name=by]:checked");
    button.textContent = chosen && chosen.value === "sms" ? sms : save;
  }
  document.querySelectorAll("input[name=by]").forEach(function (radio) {
    radio.addEventListener("change", update);
  });
  update();
})();
