/* The front-page board's end time, read back in the Buddhist era for Thai users
   (templates/admin/articles/frontpagepick/board.html).

   The date box takes either era (articles/front_page_admin.py: a year from 2400 on is
   Buddhist), and the calendar writes Common-Era years: the line under the boxes says,
   as a Thai reader reads dates, which moment the server will take. The typed wall-clock
   time is shown as typed (formatted in UTC, so no time zone moves it). */
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const readout = document.getElementById("expiry-readout");
  const day = document.getElementById("id_expires_at_0");
  const clock = document.getElementById("id_expires_at_1");
  if (!readout || !day || !clock || !document.documentElement.lang.startsWith("th")) {
    return;
  }
  const BUDDHIST_ERA_OFFSET = 543;
  const format = new Intl.DateTimeFormat("th-TH-u-ca-buddhist", {
    dateStyle: "full",
    timeStyle: "short",
    timeZone: "UTC",
  });

  function typedDate(text) {
    let match = text.trim().match(/^(\d{1,2})\/(\d{1,2})\/(\d{4})$/);  // Thai: 25/12/2026
    let parts = match ? [match[3], match[2], match[1]] : null;
    match = text.trim().match(/^(\d{4})-(\d{1,2})-(\d{1,2})$/);  // ISO: 2026-12-25
    if (match) {
      parts = [match[1], match[2], match[3]];
    }
    if (!parts) {
      return null;
    }
    let [year, month, date] = parts.map(Number);
    if (year >= 2400) {
      year -= BUDDHIST_ERA_OFFSET;
    }
    return {year, month, date};
  }

  function show() {
    const date = typedDate(day.value);
    const time = clock.value.trim().match(/^(\d{1,2}):(\d{2})/);
    if (!date) {
      readout.hidden = true;
      return;
    }
    const [hours, minutes] = time ? [Number(time[1]), Number(time[2])] : [0, 0];
    const moment = new Date(Date.UTC(date.year, date.month - 1, date.date, hours, minutes));
    if (Number.isNaN(moment.getTime()) || moment.getUTCDate() !== date.date) {
      readout.hidden = true;
      return;
    }
    readout.textContent = `${readout.dataset.label}: ${format.format(moment)}`;
    readout.hidden = false;
  }

  for (const input of [day, clock]) {
    // The calendar and clock pickers set the value and give the box focus.
    for (const event of ["input", "change", "focus", "blur"]) {
      input.addEventListener(event, show);
    }
  }
  show();
});
