// Copy buttons on grid pages (the from_web code, the grid's link, the embed code): shown only where
// the clipboard can be written; each copies its data-copy-text, or the text of the element named by
// data-copy. Without JavaScript the buttons stay hidden and the text stays selectable.
document.querySelectorAll('button[data-copy], button[data-copy-text]').forEach(function (button) {
  if (!navigator.clipboard) { return; }
  var source = button.hasAttribute('data-copy') ? document.getElementById(button.getAttribute('data-copy')) : null;
  var status = button.parentNode.querySelector('[role="status"]');
  button.hidden = false;
  button.addEventListener('click', function () {
    var text = source ? (source.value !== undefined ? source.value : source.textContent) : button.getAttribute('data-copy-text');
    navigator.clipboard.writeText(text).then(function () {
      if (status) { status.textContent = 'Copied.'; }
    }, function () {
      if (source && source.select) { source.select(); }
      if (status) { status.textContent = 'Press Ctrl+C (or ⌘C) to copy.'; }
    });
  });
});
