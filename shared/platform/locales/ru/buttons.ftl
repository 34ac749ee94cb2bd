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
btn-reject-threat = Угрозы
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
