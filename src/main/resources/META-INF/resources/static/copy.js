// "Copy embed code" on grid pages: shows the button only where the clipboard can be written, and
// copies the text of the element named by data-copy. Without JavaScript the code stays selectable.
document.querySelectorAll('button[data-copy]').forEach(function (button) {
  if (!navigator.clipboard) { return; }
  var source = document.getElementById(button.getAttribute('data-copy'));
  var status = button.parentNode.querySelector('[role="status"]');
  button.hidden = false;
  button.addEventListener('click', function () {
    navigator.clipboard.writeText(source.value).then(function () {
      if (status) { status.textContent = 'Copied.'; }
    }, function () {
      source.select();
      if (status) { status.textContent = 'Press Ctrl+C (or ⌘C) to copy.'; }
    });
  });
});
