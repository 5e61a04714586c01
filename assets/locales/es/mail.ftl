# Recordatorios y resúmenes en español (véase en/mail.ftl).

## Nombres: el Mecanismo y los instrumentos, por su título oficial.

mechanism = Mecanismo de Examen de la Aplicación de la Convención de las Naciones Unidas contra la Delincuencia Organizada Transnacional y sus Protocolos
mechanism-short = Mecanismo de Examen
sender-name = Secretaría del Mecanismo de Examen
instrument-convention = Convención de las Naciones Unidas contra la Delincuencia Organizada Transnacional
instrument-tip = Protocolo para Prevenir, Reprimir y Sancionar la Trata de Personas, Especialmente Mujeres y Niños, que complementa la Convención de las Naciones Unidas contra la Delincuencia Organizada Transnacional
instrument-som = Protocolo contra el Tráfico Ilícito de Migrantes por Tierra, Mar y Aire, que complementa la Convención de las Naciones Unidas contra la Delincuencia Organizada Transnacional
instrument-fa = Protocolo contra la Fabricación y el Tráfico Ilícitos de Armas de Fuego, Sus Piezas y Componentes y Municiones, que complementa la Convención de las Naciones Unidas contra la Delincuencia Organizada Transnacional

## Fechas: «29 de febrero de 2024».

month-1 = enero
month-2 = febrero
month-3 = marzo
month-4 = abril
month-5 = mayo
month-6 = junio
month-7 = julio
month-8 = agosto
month-9 = septiembre
month-10 = octubre
month-11 = noviembre
month-12 = diciembre
date = { $day } de { $month } de { $year }
month-year = { $month } de { $year }
days = { $n ->
    [one] { $count } día
   *[other] { $count } días
}

## Lo que se debe y lo que ocurrió.

obligation-focal_point = designación de una persona de contacto
obligation-experts = designación de expertos gubernamentales
obligation-saq = respuestas al cuestionario de autoevaluación
obligation-feedback = observaciones por escrito
obligation-observations = lista de observaciones
obligation-phase = fin de la fase de examen
milestone-consultation = consulta preliminar celebrada
milestone-saq = cuestionario de autoevaluación presentado
milestone-feedback = observaciones por escrito presentadas
milestone-observations = lista de observaciones ultimada
milestone-summary = resumen ultimado
stage-awaiting_nominations = pendiente de designaciones
stage-awaiting_consultation = pendiente de consulta
stage-saq = cuestionario de autoevaluación
stage-feedback = observaciones por escrito
stage-observations = listas de observaciones
stage-concluded = concluido
channel-email = correo electrónico
channel-note_verbale = nota verbal
channel-permanent_mission = misión permanente
channel-field_office = oficina extrasede
channel-meeting = reunión
channel-phone = teléfono
review-line = { $under_review } (Estados examinadores: { $reviewers })
list-separator = ,{" "}

## Un recordatorio.

reminder-subject = { mechanism-short }: { $obligation }, { $party }: { $days } de retraso
reminder-greeting-person = Estimado/a { $name }:
reminder-greeting-mission = A la Misión Permanente de { $party }:
reminder-intro = La secretaría del { mechanism } recuerda la siguiente obligación de { $party }, que al { $as_at } aún no se ha cumplido.
reminder-obligation = Obligación: { $obligation }
reminder-review = Examen { $id }: { $line }
reminder-all-reviews = Se debe una sola vez para todos los exámenes de { $party }.
reminder-due = Plazo: { $due } ({ $days } de retraso)
reminder-extended = Plazo original: { $original } (prorrogado)
reminder-covers = El examen abarca:
reminder-ask = La secretaría agradecería que se atendiera a la mayor brevedad posible y está dispuesta a prestar asistencia. Si ya se ha hecho, le rogamos que lo comunique a la secretaría para que pueda corregir sus registros.
reminder-sign = La secretaría del Mecanismo
reminder-footer = Para cualquier pregunta o corrección, sírvase escribir a { $sender }.

## El resumen mensual.

digest-subject = { mechanism-short }, { $month }: { $party }: { $overdue } vencidas, { $coming } con plazo hasta el { $horizon }
digest-greeting = Estimado/a { $name }:
digest-intro = Este es el resumen de la secretaría correspondiente a { $month } de los exámenes de países en los que participa { $party } en el marco del { mechanism }, al { $as_at }.
digest-owes = OBLIGACIONES DE { $party }
digest-nothing-owed = No hay nada vencido y nada vence hasta el { $horizon }.
digest-overdue = Vencidas:
digest-coming = Con plazo hasta el { $horizon }:
digest-what-review = { $obligation }, examen { $id } ({ $line })
digest-item = { $what }: plazo { $due }, { $status }.
digest-item-extended = { $what }: plazo { $due }, { $status } (prorrogado; plazo original { $original }).
digest-status-overdue = { $days } de retraso
digest-status-today = vence hoy
digest-status-in = dentro de { $days }
digest-status-met = cumplida
digest-happened = LO OCURRIDO EN { $month }
digest-nothing-happened = Este mes no se registró nada en sus exámenes.
digest-event-milestone = Examen { $id } ({ $line }): { $milestone }.
digest-event-reminder-you = La secretaría les envió un recordatorio sobre: { $obligation }{ $review }, por { $channel }.
digest-event-reminder = La secretaría envió un recordatorio a { $party } sobre: { $obligation }{ $review }, por { $channel }.
digest-event-review = {" "}(examen { $id })
digest-event-focal-point = { $party } designó a una persona de contacto: { $name }.
digest-event-ended = { $name } ({ $party }) dejó de ser persona de contacto.
digest-event-experts = { $party } designó { $n ->
    [one] { $count } experto gubernamental
   *[other] { $count } expertos gubernamentales
}.
digest-event-observers = { $party } designó { $n ->
    [one] { $count } observador
   *[other] { $count } observadores
}.
digest-event-date = { $date }: { $event }
digest-counterparts = PERSONAS DE CONTACTO DE SUS HOMÓLOGOS
digest-no-reviews = { $party } no participa en ningún examen de país al { $as_at }.
digest-review = Examen { $id }: { $line } (etapa: { $stage })
digest-no-focal-point = { $party }: aún no ha designado persona de contacto
digest-footer = Para cualquier corrección, sírvase escribir a { $sender }. Este mensaje se preparó con revdesk a partir de los registros de la secretaría.
