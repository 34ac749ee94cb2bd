# Why a button or a command did nothing: shown as the button's popup. One per code of shared/core/incident/guards.ts.

refusal-invalid_command = Не получилось: проверьте, что всё выбрано.
refusal-invalid_actor = Не удалось определить, кто вы. Напишите администратору.
refusal-already_taken = Вы уже взяли это сообщение в работу.
refusal-order_mismatch = Порядок подразделений не совпадает с выбранными.
refusal-order_required = Нужно указать порядок подразделений.
refusal-responsible_not_routed = Ответственное подразделение должно быть среди выбранных.
refusal-responsible_must_be_last = Ответ пишет последнее подразделение в порядке.
refusal-department_not_routed = Это подразделение не участвует в ответе.
refusal-already_responsible = Это подразделение уже ответственное.
refusal-interim_not_allowed = Промежуточный ответ по регламенту не предусмотрен.
refusal-interim_already_published = Промежуточный ответ уже опубликован.
refusal-self_link = Сообщение не может быть повтором самого себя.
refusal-already_linked = Повтор уже отмечен.
refusal-not_earlier = Повтор можно связать только с более ранним сообщением.
refusal-already_assigned = Этот сотрудник уже назначен.
refusal-stale_version = Карточка устарела: её уже изменили. Обновляю.
refusal-role_not_allowed = Это действие не для вашей роли.
refusal-responsible_set_by_other_role = Ответственного назначает другой сотрудник по регламенту.
refusal-status_not_allowed = Сейчас это действие недоступно.
refusal-not_routed_to_department = Сообщение направлено не в ваше подразделение.
refusal-taken_by_other = Сообщение уже взял в работу коллега.
refusal-not_responsible = Ответ готовит ответственное подразделение.
refusal-responsible_writes_draft = Проект ответа пишет ответственный исполнитель.
refusal-not_found = Сообщение не найдено.

button-gone = Эта кнопка больше не действует: карточка уже изменилась.
button-not-staff = Вас нет в списке сотрудников. Обратитесь к администратору системы.
button-done = Готово.
refusal-not_holding = Этот сотрудник сейчас ничего не ведёт по этому сообщению.
refusal-reason_not_in_profile = Такой причины нет в перечне вашего регламента: выберите причину из списка на карточке.
refusal-ratings_off = Оценка ответа по вашему регламенту не предусмотрена.
refusal-already_rated = Эта оценка уже учтена.
refusal-forward_body_unknown = Этого органа больше нет в списке. Обновите карточку и выберите снова.
