// "Select all on this page" for a list with a bulk action. Progressive enhancement: without
// JavaScript the control stays hidden and each row's checkbox works on its own.
//
// <input type="checkbox" data-select-all="FORM-ID" hidden> ticks and unticks every checkbox
// that belongs to the form FORM-ID (form="FORM-ID"), and shows whether all, some or none are.
(function () {
  "use strict";
  document.querySelectorAll("input[type=checkbox][data-select-all]").forEach(function (all) {
    var formId = all.getAttribute("data-select-all");
    var boxes = function () {
      return Array.prototype.filter.call(
        document.querySelectorAll("input[type=checkbox][name]"),
        function (box) { return box.form && box.form.id === formId; }
      );
    };
    var show = function () {
      var ticked = boxes().filter(function (box) { return box.checked; }).length;
      all.checked = ticked > 0 && ticked === boxes().length;
      all.indeterminate = ticked > 0 && ticked < boxes().length;
    };
    all.hidden = false;
    all.disabled = boxes().length === 0;
    all.addEventListener("change", function () {
      boxes().forEach(function (box) { box.checked = all.checked; });
      show();
    });
    boxes().forEach(function (box) { box.addEventListener("change", show); });
    show();
  });
})();
