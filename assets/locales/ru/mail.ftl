# Напоминания и сводки на русском языке (см. en/mail.ftl).

## Названия: Механизм и документы, по их официальным названиям.

mechanism = Механизма обзора хода осуществления Конвенции Организации Объединенных Наций против транснациональной организованной преступности и протоколов к ней
mechanism-short = Механизм обзора
sender-name = Секретариат Механизма обзора
instrument-convention = Конвенция Организации Объединенных Наций против транснациональной организованной преступности
instrument-tip = Протокол о предупреждении и пресечении торговли людьми, особенно женщинами и детьми, и наказании за нее, дополняющий Конвенцию Организации Объединенных Наций против транснациональной организованной преступности
instrument-som = Протокол против незаконного ввоза мигрантов по суше, морю и воздуху, дополняющий Конвенцию Организации Объединенных Наций против транснациональной организованной преступности
instrument-fa = Протокол против незаконного изготовления и оборота огнестрельного оружия, его составных частей и компонентов, а также боеприпасов к нему, дополняющий Конвенцию Организации Объединенных Наций против транснациональной организованной преступности

## Даты: «29 февраля 2024 года»; месяц отдельно: «февраль 2024 года».

month-1 = января
    .nominative = январь
month-2 = февраля
    .nominative = февраль
month-3 = марта
    .nominative = март
month-4 = апреля
    .nominative = апрель
month-5 = мая
    .nominative = май
month-6 = июня
    .nominative = июнь
month-7 = июля
    .nominative = июль
month-8 = августа
    .nominative = август
month-9 = сентября
    .nominative = сентябрь
month-10 = октября
    .nominative = октябрь
month-11 = ноября
    .nominative = ноябрь
month-12 = декабря
    .nominative = декабрь
date = { $day } { $month } { $year } года
month-year = { $month } { $year } года
days = { $n ->
    [one] { $count } день
    [few] { $count } дня
   *[many] { $count } дней
}

## Что причитается и что произошло.

obligation-focal_point = назначение координатора
obligation-experts = назначение правительственных экспертов
obligation-saq = ответы на вопросник для самооценки
obligation-feedback = письменные замечания
obligation-observations = перечень замечаний
obligation-phase = завершение этапа обзора
milestone-consultation = проведена предварительная консультация
milestone-saq = представлен вопросник для самооценки
milestone-feedback = представлены письменные замечания
milestone-observations = окончательно составлен перечень замечаний
milestone-summary = окончательно составлено резюме
stage-awaiting_nominations = ожидаются назначения
stage-awaiting_consultation = ожидается консультация
stage-saq = вопросник для самооценки
stage-feedback = письменные замечания
stage-observations = перечни замечаний
stage-concluded = завершен
channel-email = электронная почта
channel-note_verbale = вербальная нота
channel-permanent_mission = постоянное представительство
channel-field_office = отделение на местах
channel-meeting = совещание
channel-phone = телефон
review-line = { $under_review } (проводящие обзор государства: { $reviewers })
list-separator = ,{" "}

## Напоминание.

reminder-subject = { mechanism-short }: { $obligation }, { $party }: просрочено на { $days }
reminder-greeting-person = Уважаемый(ая) { $name }!
reminder-greeting-mission = Постоянному представительству { $party }
reminder-intro = Секретариат { mechanism } напоминает о следующем обязательстве { $party }, которое по состоянию на { $as_at } еще не выполнено.
reminder-obligation = Обязательство: { $obligation }
reminder-review = Обзор { $id }: { $line }
reminder-all-reviews = Выполняется один раз для всех обзоров { $party }.
reminder-due = Срок: { $due } (просрочено на { $days })
reminder-extended = Первоначальный срок: { $original } (продлен)
reminder-covers = Обзор охватывает:
reminder-ask = Секретариат был бы признателен за скорейшее выполнение этого обязательства и готов оказать содействие. Если оно уже выполнено, просим сообщить об этом секретариату, чтобы он мог исправить свои записи.
reminder-sign = Секретариат Механизма
reminder-footer = С любыми вопросами и исправлениями просим обращаться по адресу { $sender }.

## Ежемесячная сводка.

digest-subject = { mechanism-short }, { $month }: { $party }: просрочено { $overdue }, срок до { $horizon } у { $coming }
digest-greeting = Уважаемый(ая) { $name }!
digest-intro = Это сводка секретариата за { $month } по страновым обзорам, в которых { $party } участвует в рамках { mechanism }, по состоянию на { $as_at }.
digest-owes = ОБЯЗАТЕЛЬСТВА: { $party }
digest-nothing-owed = Просроченных обязательств нет, и до { $horizon } сроки не истекают.
digest-overdue = Просрочено:
digest-coming = Срок до { $horizon }:
digest-what-review = { $obligation }, обзор { $id } ({ $line })
digest-item = { $what }: срок { $due }, { $status }.
digest-item-extended = { $what }: срок { $due }, { $status } (продлен, первоначальный срок { $original }).
digest-status-overdue = просрочено на { $days }
digest-status-today = срок истекает сегодня
digest-status-in = через { $days }
digest-status-met = выполнено
digest-happened = СОБЫТИЯ ЗА { $month }
digest-nothing-happened = В этом месяце по вашим обзорам ничего не зарегистрировано.
digest-event-milestone = Обзор { $id } ({ $line }): { $milestone }.
digest-event-reminder-you = Секретариат направил вам напоминание: { $obligation }{ $review }; способ: { $channel }.
digest-event-reminder = Секретариат направил напоминание ({ $party }): { $obligation }{ $review }; способ: { $channel }.
digest-event-review = {" "}(обзор { $id })
digest-event-focal-point = { $party }: назначен координатор { $name }.
digest-event-ended = { $name } ({ $party }) более не является координатором.
digest-event-experts = { $party }: назначено правительственных экспертов: { $count }.
digest-event-observers = { $party }: назначено наблюдателей: { $count }.
digest-event-date = { $date }: { $event }
digest-counterparts = КООРДИНАТОРЫ ВАШИХ ПАРТНЕРОВ
digest-no-reviews = По состоянию на { $as_at } { $party } не участвует ни в одном страновом обзоре.
digest-review = Обзор { $id }: { $line } (этап: { $stage })
digest-no-focal-point = { $party }: координатор еще не назначен
digest-footer = С исправлениями просим обращаться по адресу { $sender }. Это сообщение подготовлено с помощью revdesk на основе записей секретариата.
