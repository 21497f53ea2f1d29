/* The schedule picker of the story form's workflow panel (articles/admin_workflow.py).

   A datetime-local input counts years in the Common Era, while Thai users read dates in
   the Buddhist era; so the chosen time is read back beside the picker as the desk's
   messages will state it ("วันอังคารที่ 8 ธันวาคม พ.ศ. 2569 เวลา 09:00 น."). The value is
   the newsroom's wall-clock time, so it is formatted from its parts, never through the
   browser's time zone. A year of 2400 or more was typed in the Buddhist era, and the
   server reads it so (parse_picker_time): the reading says so too. */
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const input = document.getElementById("id_workflow_when");
  const reading = document.getElementById("workflow-when-reading");
  if (!input || !reading) {
    return;
  }
  const BUDDHIST_ERA_OFFSET = 543;
  const BUDDHIST_YEARS_FROM = 2400;
  const thai = reading.dataset.thai === "1";
  const months = JSON.parse(reading.dataset.months);
  const weekdays = JSON.parse(reading.dataset.weekdays); // Monday first
  const pad = (n) => String(n).padStart(2, "0");

  function parts(value) {
    const match = /^(\d{4,6})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
    if (!match) {
      return null;
    }
    let year = Number(match[1]);
    if (year >= BUDDHIST_YEARS_FROM) {
      year -= BUDDHIST_ERA_OFFSET;
    }
    return {year, month: Number(match[2]), day: Number(match[3]),
      hour: Number(match[4]), minute: Number(match[5])};
  }

  function describe(p) {
    // UTC stands in for "no time zone": only the calendar's weekday is asked of it.
    const date = new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute));
    if (thai) {
      const weekday = weekdays[(date.getUTCDay() + 6) % 7];
      return `วัน${weekday}ที่ ${p.day} ${months[p.month - 1]} พ.ศ. ${p.year + BUDDHIST_ERA_OFFSET}` +
        ` เวลา ${pad(p.hour)}:${pad(p.minute)} น.`;
    }
    return new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
      weekday: "long", day: "numeric", month: "long", year: "numeric",
      hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "UTC",
    }).format(date);
  }

  function show() {
    const p = parts(input.value);
    reading.textContent = p ? reading.dataset.format.replace("%(when)s", describe(p)) : "";
  }

  input.addEventListener("input", show);
  input.addEventListener("change", show);
  // Enter in the picker schedules, rather than pressing the form's first button (Save).
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      document.querySelector("button[name=_workflow][value=schedule]").click();
    }
  });
  show();
});
