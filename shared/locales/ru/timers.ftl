# Timers: reminders before a deadline, a missed deadline, the escalation to duty officers.
# $id — the message number; $timer — the stage (timer-* in card.ftl); $when — the due, local time;
# $left / $late — how long until / since; $holder — who holds it.

timer-reminder = ⏰ Напоминание: сообщение №{ $id } — { $timer } до { $when }, осталось { $left }. Сейчас у: { $holder }.
timer-due = 🔥 Срок истёк: сообщение №{ $id } — { $timer } до { $when }. Сейчас у: { $holder }.
timer-escalation = 🚨 Эскалация: сообщение №{ $id } — { $timer }, срок был { $when }, просрочено на { $late }. Сейчас у: { $holder }.
timer-holder-curator = кураторы
timer-holder-head = руководитель
timer-holder-duty = дежурные
timer-holder-executor = исполнитель
timer-holder-responsible = ответственный исполнитель
timer-holder-co-executor = соисполнитель
timer-holder-untaken = { $department } (не взято в работу)

timer-btn-take = 🙋 Взять себе
timer-btn-reassign = ➡️ { $name }
timer-taken-over = Сообщение №{ $id } передано: { $name }.
timer-take-not-executor = Взять себе может исполнитель этого подразделения; выберите исполнителя кнопкой ниже.
