# Co-executors in order (zavitinsk п.16, ivanovo п.15, severny п.12): the curator's card and the parts.
btn-dept-in-order = { $n }. { $name }
btn-dept-order-hint = ℹ️ Порядок подготовки частей — порядок выбора
card-part-text = 🧩 { $department }: «{ $text }»
part-begin-curator = 🧩 Сообщение №{ $id }. Пришлите сюда часть ответа от вашего подразделения — её получит куратор; общий ответ пишет ответственный исполнитель с учётом всех частей.
