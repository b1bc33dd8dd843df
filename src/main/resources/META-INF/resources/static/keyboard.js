// Keyboard access to what the pages draw. Without this script every page still works: a grid is a
// picture with a text alternative (not a tab stop), and browsers let keyboards scroll code boxes.
//
// 1. A grid drawn as a table (tags/blockgrid.html) becomes one tab stop. The arrow keys move from
//    block to block (Home and End: first and last block of the row; Ctrl+Home and Ctrl+End: of the
//    grid), the block is outlined, and the live region after the grid says "row 3, column 5, gold
//    (255, 215, 0)": rows and columns counted from 0, as the library's grid[row, column] and the
//    blocks' tooltips count them. Colours are named with the palette the server put in
//    data-colour-names (the one its text alternative uses).
// 2. A code box or a grid box that scrolls sideways becomes a tab stop with a name, so a keyboard can
//    scroll it; one that fits is not a tab stop.
(function () {
  'use strict';

  function palette(text) {
    return (text || '').split(';').filter(Boolean).map(function (entry) {
      var parts = entry.split(':');
      var rgb = parts[1].split(',').map(Number);
      return { name: parts[0], r: rgb[0], g: rgb[1], b: rgb[2] };
    });
  }

  // The same "redmean" distance as org.ipythonblocks.grid.picture.GridDescription.
  function nearest(colours, r, g, b) {
    var best = null;
    var bestDistance = Infinity;
    colours.forEach(function (c) {
      var meanRed = (r + c.r) / 2;
      var dr = r - c.r, dg = g - c.g, db = b - c.b;
      var d = (2 + meanRed / 256) * dr * dr + 4 * dg * dg + (2 + (255 - meanRed) / 256) * db * db;
      if (d < bestDistance) { best = c; bestDistance = d; }
    });
    return best ? best.name : '';
  }

  function explore(box) {
    var table = box.querySelector('table');
    var live = box.nextElementSibling;
    if (!table || !table.rows.length || !live || !live.hasAttribute('aria-live')) { return; }
    var colours = palette(box.getAttribute('data-colour-names'));
    var rows = table.rows;
    var row = 0, col = 0, current = null;

    box.tabIndex = 0;
    box.setAttribute('role', 'application');
    box.setAttribute('aria-roledescription', 'block grid');
    box.setAttribute('aria-label', box.getAttribute('aria-label') + '. Use the arrow keys to hear each block.');

    function announce() {
      var cell = rows[row].cells[col];
      if (current) { current.classList.remove('ipb-current'); }
      current = cell;
      cell.classList.add('ipb-current');
      var m = /Color: \((\d+), (\d+), (\d+)\)/.exec(cell.title || '');
      var rgb = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
      live.textContent = 'row ' + row + ', column ' + col + ', ' + nearest(colours, rgb[0], rgb[1], rgb[2])
        + ' (' + rgb.join(', ') + ')';
      if (box.scrollWidth > box.clientWidth || box.scrollHeight > box.clientHeight) {
        cell.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      }
    }

    box.addEventListener('keydown', function (e) {
      var lastRow = rows.length - 1;
      switch (e.key) {
        case 'ArrowRight': col++; break;
        case 'ArrowLeft': col--; break;
        case 'ArrowDown': row++; break;
        case 'ArrowUp': row--; break;
        case 'Home': if (e.ctrlKey) { row = 0; } col = 0; break;
        case 'End': if (e.ctrlKey) { row = lastRow; } col = Infinity; break;
        default: return;
      }
      e.preventDefault();
      row = Math.max(0, Math.min(row, lastRow));
      col = Math.max(0, Math.min(col, rows[row].cells.length - 1));
      announce();
    });
    box.addEventListener('blur', function () {
      if (current) { current.classList.remove('ipb-current'); }
    });
    box.addEventListener('focus', function () {
      if (current) { current.classList.add('ipb-current'); }
    });
    return true;
  }

  var explored = [];
  document.querySelectorAll('.ipb-grid[data-colour-names]').forEach(function (box) {
    if (explore(box)) { explored.push(box); }
  });

  function scrollBoxes() {
    document.querySelectorAll('.ipb-codeblock, pre.ipb-shell, .ipb-grid').forEach(function (box) {
      if (explored.indexOf(box) >= 0) { return; }
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls && !box.hasAttribute('tabindex')) {
        box.tabIndex = 0;
        box.setAttribute('role', 'region');
        box.setAttribute('aria-label', box.classList.contains('ipb-grid') ? 'Grid, scrolls sideways' : 'Code, scrolls sideways');
      } else if (!scrolls && box.hasAttribute('tabindex') && document.activeElement !== box) {
        box.removeAttribute('tabindex');
        box.removeAttribute('role');
        box.removeAttribute('aria-label');
      }
    });
  }
  scrollBoxes();
  var pending = null;
  window.addEventListener('resize', function () {
    clearTimeout(pending);
    pending = setTimeout(scrollBoxes, 150);
  });
}());
