# Staff invitations: /invite, the invite deep link, /staff, /revoke.

invite-admin-only = Приглашать сотрудников может только администратор системы.
invite-private-only = Эта команда работает в личном чате с ботом: ссылка-приглашение не должна попасть в общий чат.
invite-usage =
    Как пригласить: /invite роль [подразделение]
    Роли: { $roles }.
    Для исполнителя укажите подразделение: { $departments }.
    Например: /invite executor roads
invite-department = Исполнителю нужно подразделение: { $departments }. Например: /invite executor roads
invite-no-department = Подразделение указывается только для исполнителя.
invite-created =
    Ссылка-приглашение для роли «{ $role }»:
    { $link }
    Перешлите её сотруднику. Сработает один раз, до { $until }. Отозвать: /revoke { $code }
invite-welcome = Здравствуйте, { $name }! Вы подключены к «Отклику»: { $role }. Карточки сообщений будут приходить в рабочие чаты или сюда. /help — что умеет бот.
invite-invalid = Эта ссылка-приглашение недействительна: она уже использована, отозвана или истёк её срок. Попросите администратора системы прислать новую.
invite-already-staff = Вы уже подключены к «Отклику». /start — проверить, как именно.

staff-file = Сотрудников в файле организации: { $count } (меняются в файле).
staff-invited = Подключены по приглашению ({ $count }):
staff-invited-none = По приглашению пока никто не подключён.
staff-member-line = • { $name } — { $role }, id { $id }, с { $since }
staff-invites = Неиспользованные приглашения ({ $count }):
staff-invite-line = • { $role }, до { $until }, код { $code }
staff-revoke-hint = Отозвать доступ: /revoke id, приглашение: /revoke код.

revoke-usage = Укажите, что отозвать: /revoke id сотрудника или /revoke код приглашения (см. /staff).
revoke-in-file = Этот сотрудник указан в файле организации: уберите его оттуда.
revoke-member-done = Доступ сотрудника { $target } отозван.
revoke-invite-done = Приглашение { $target } отозвано.
revoke-nothing = Нечего отзывать: «{ $target }» не найдено среди подключённых по приглашению и действующих приглашений.
