'use strict';
// CKEditor's own Thai (django_ckeditor_5/dist/translations/th.js, which must load first)
// calls the editor "Rich Text" and reads out its root's name ("main"); these replace
// those two messages before the editors are made (on DOMContentLoaded).
{
    const thai = window.CKEDITOR_TRANSLATIONS.th;
    Object.assign(thai.dictionary, {
        'Rich Text Editor': 'ตัวแก้ไขเนื้อข่าว',
        'Rich Text Editor. Editing area: %0': 'พื้นที่แก้ไขเนื้อข่าว',
    });
}
