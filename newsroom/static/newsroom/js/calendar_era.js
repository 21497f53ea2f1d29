'use strict';
// The admin's calendar (calendar.js) heads each month with its Common Era year, the era
// its date box shows and names (newsroom/admin_widgets.py). A Thai reader gets the
// Buddhist-era year beside it: "ธันวาคม 2026 (พ.ศ. 2569)". Thai-only text, like the
// tables of newsroom/thai_dates.py, so it needs no catalogue.
{
    const drawCurrent = window.Calendar.prototype.drawCurrent;
    window.Calendar.prototype.drawCurrent = function() {
        drawCurrent.call(this);
        if (!document.documentElement.lang.startsWith('th')) {
            return;
        }
        const caption = document.getElementById(this.div_id).querySelector('caption');
        if (caption) {
            caption.textContent += ` (พ.ศ. ${Number(this.currentYear) + 543})`;
        }
    };
}
