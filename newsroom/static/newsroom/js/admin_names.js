'use strict';
// Names that Django's admin leaves out, on every desk page (templates/admin/base_site.html,
// loaded with defer: it runs after the admin's own scripts have set up their widgets).
//
// * The autocomplete boxes (select2): the box is named only by the value chosen, so an
//   empty one has no name, and the search box of a many-valued one has none at all. Both
//   get the field's label, or, in an inline table row, the name the server gave the
//   hidden select (newsroom.admin.LabelledTabularInline).
// * Inline tables: the head cell over the column of hidden ids, and over the delete
//   column where rows cannot be deleted, is empty. A head that names nothing is made a
//   plain cell, so a screen reader does not announce a nameless column.
{
  let serial = 0;

  // The element that names a select: its <label>, or a hidden one made from aria-label.
  const nameOf = (select) => {
    let name = select.id ? document.querySelector(`label[for="${CSS.escape(select.id)}"]`) : null;
    if (!name && select.dataset.nameId) name = document.getElementById(select.dataset.nameId);
    if (!name) {
      const text = select.getAttribute('aria-label');
      if (!text) return null;
      name = document.createElement('span');
      name.hidden = true; // still read when referenced by aria-labelledby
      name.textContent = text;
      select.before(name); // select2's own box follows the select: keep it next to it
    }
    if (!name.id) name.id = `${select.id || 'autocomplete'}-name-${++serial}`;
    select.dataset.nameId = name.id;
    return name.id;
  };

  const nameAutocomplete = (select) => {
    const box = select.nextElementSibling;
    if (!box || !box.classList.contains('select2')) return; // not set up (an empty form's)
    const name = nameOf(select);
    if (!name) return;
    const selection = box.querySelector('.select2-selection');
    const shown = box.querySelector('.select2-selection__rendered');
    if (selection && selection.classList.contains('select2-selection--single') && shown && shown.id) {
      // "Section: Bangkok": the label, then the choice select2 names it by.
      selection.setAttribute('aria-labelledby', `${name} ${shown.id}`);
      shown.setAttribute('aria-labelledby', name);
    } else if (selection) {
      selection.setAttribute('aria-labelledby', name);
    }
    const search = box.querySelector('.select2-search__field');
    if (search) search.setAttribute('aria-labelledby', name);
  };

  const nameAutocompletes = (root) => {
    root.querySelectorAll('select.admin-autocomplete').forEach(nameAutocomplete);
  };

  const plainEmptyHeads = (root) => {
    root.querySelectorAll('.inline-group thead th').forEach((head) => {
      if (!head.textContent.trim() && !head.querySelector('img[alt]')) {
        head.setAttribute('role', 'cell');
      }
    });
  };

  plainEmptyHeads(document);
  if (window.django && window.django.jQuery) {
    const $ = window.django.jQuery;
    // After the admin's autocomplete.js, which sets select2 up in its own ready handler.
    $(() => nameAutocompletes(document));
    // A dropdown's search box exists only while it is open.
    $(document).on('select2:open', 'select.admin-autocomplete', (event) => {
      const name = nameOf(event.target);
      const search = document.querySelector('.select2-container--open .select2-search--dropdown .select2-search__field');
      if (name && search) search.setAttribute('aria-labelledby', name);
    });
  }
  // A row added to an inline table (its autocomplete is set up by the admin's listener,
  // added before this one).
  document.addEventListener('formset:added', (event) => nameAutocompletes(event.target));
}
