// "In bài" and "Lưu thành PDF": both open the browser's print dialog (the print stylesheet
// leaves the article alone); shown only where this script runs, so no button does nothing.
document.addEventListener("DOMContentLoaded", () => {
  const buttons = document.querySelectorAll("[data-print]");
  buttons.forEach((button) => button.addEventListener("click", () => window.print()));
  document.querySelectorAll(".print-tools").forEach((tools) => tools.removeAttribute("hidden"));
});
