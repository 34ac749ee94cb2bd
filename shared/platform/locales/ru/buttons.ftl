# Inline buttons on incident cards. Short: they must fit a phone screen two to a row.

btn-route = ✅ Направить: { $departments }
btn-topics = 🏷 Тема{ $count ->
    [0] {""}
   *[other] {" "}({ $count })
}
btn-location = 📍 Место
btn-importance-normal = Важность: обычная
btn-importance-high = ❗ Важность: высокая
btn-significant = ⚠️ Общественно значимое
btn-departments = 🏢 Подразделения{ $count ->
    [0] {""}
   *[other] {" "}({ $count })
}
btn-responsible = Ответственный: { $name }
btn-reject = 🚫 Не подлежит обработке
btn-reject-abuse = Оскорбления
btn-reject-obscenity = Нецензурная брань
btn-reject-threat = Угрозы жизни, здоровью, имуществу должностного лица или его семьи
btn-reject-harm_intent = Намерение причинить вред другому лицу
btn-reject-threat_life_health = Угрозы жизни и здоровью
btn-reject-other = Другое (с пояснением)
btn-forward = ↪️ Переслать
btn-forward-body = ↪️ { $name }
btn-forward-other = ✍️ Другой орган…
btn-back = « Назад
btn-take = 🙋 Взять в работу
btn-return = ↩️ Вернуть куратору
btn-draft = ✍️ Подготовить ответ
btn-approve = ✅ Утвердить
btn-rework = ✏️ На доработку
btn-published-by-hand = ✅ Опубликовано вручную
btn-close-resolved = 🟢 Закрыть: решено
btn-close-explained = 🔵 Закрыть: разъяснено
btn-close-in_progress = 🟡 Закрыть: решается
btn-close-not_resolved = 🔴 Закрыть: не решено
btn-part = 🧩 Отправить часть
btn-edit-approve = 📝 Исправить и утвердить
