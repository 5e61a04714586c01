# Reminders and digests in English. Placeholders are filled by
# src/report/mail/locale.rs; every message here exists in the five other
# working languages under assets/locales/.

## Names: the Mechanism and the instruments, by their official titles.

mechanism = Mechanism for the Review of the Implementation of the United Nations Convention against Transnational Organized Crime and the Protocols thereto
mechanism-short = Review Mechanism
sender-name = Review Mechanism secretariat
instrument-convention = United Nations Convention against Transnational Organized Crime
instrument-tip = Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children, supplementing the United Nations Convention against Transnational Organized Crime
instrument-som = Protocol against the Smuggling of Migrants by Land, Sea and Air, supplementing the United Nations Convention against Transnational Organized Crime
instrument-fa = Protocol against the Illicit Manufacturing of and Trafficking in Firearms, Their Parts and Components and Ammunition, supplementing the United Nations Convention against Transnational Organized Crime

## Dates: "29 February 2024".

month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
date = { $day } { $month } { $year }
month-year = { $month } { $year }
days = { $n ->
    [one] { $count } day
   *[other] { $count } days
}

## What is owed, and what happened.

obligation-focal_point = focal point nomination
obligation-experts = nomination of governmental experts
obligation-saq = SAQ
obligation-feedback = written feedback
obligation-observations = list of observations
obligation-phase = end of review phase
milestone-consultation = preliminary consultation held
milestone-saq = SAQ submitted
milestone-feedback = written feedback submitted
milestone-observations = list of observations finalized
milestone-summary = summary finalized
stage-awaiting_nominations = awaiting nominations
stage-awaiting_consultation = awaiting consultation
stage-saq = SAQ
stage-feedback = written feedback
stage-observations = lists of observations
stage-concluded = concluded
channel-email = e-mail
channel-note_verbale = note verbale
channel-permanent_mission = permanent mission
channel-field_office = field office
channel-meeting = meeting
channel-phone = phone
review-line = { $under_review } by { $reviewers }
list-separator = ,{" "}

## A reminder.

reminder-subject = { mechanism-short }: { $obligation }, { $party }: { $days } overdue
reminder-greeting-person = Dear { $name },
reminder-greeting-mission = To the Permanent Mission of { $party },
reminder-intro = The secretariat of the { mechanism } recalls the following obligation of { $party }, which is not yet met as at { $as_at }.
reminder-obligation = Obligation: { $obligation }
reminder-review = Review { $id }: { $line }
reminder-all-reviews = Owed once for all the reviews of { $party }.
reminder-due = Due: { $due } ({ $days } overdue)
reminder-extended = Extended from: { $original }
reminder-covers = The review covers:
reminder-ask = The secretariat would be grateful if this could be attended to at the earliest opportunity, and stands ready to assist. If it has been done already, please let the secretariat know, so that its records can be corrected.
reminder-sign = The secretariat of the Mechanism
reminder-footer = Please write to { $sender } with any question or correction.

## The monthly digest.

digest-subject = { mechanism-short }, { $month }: { $party }: { $overdue } overdue, { $coming } due by { $horizon }
digest-greeting = Dear { $name },
digest-intro = This is the secretariat's summary for { $month } of the country reviews in which { $party } takes part under the { mechanism }, as at { $as_at }.
digest-owes = WHAT { $party } OWES
digest-nothing-owed = Nothing is overdue, and nothing falls due by { $horizon }.
digest-overdue = Overdue:
digest-coming = Due by { $horizon }:
digest-what-review = { $obligation }, review { $id } ({ $line })
digest-item = { $what }: due { $due }, { $status }.
digest-item-extended = { $what }: due { $due }, { $status } (extended from { $original }).
digest-status-overdue = { $days } overdue
digest-status-today = due today
digest-status-in = in { $days }
digest-status-met = met
digest-happened = WHAT HAPPENED IN { $month }
digest-nothing-happened = Nothing was recorded in your reviews this month.
digest-event-milestone = Review { $id } ({ $line }): { $milestone }.
digest-event-reminder-you = The secretariat sent a reminder to you about the { $obligation }{ $review }, by { $channel }.
digest-event-reminder = The secretariat sent a reminder to { $party } about the { $obligation }{ $review }, by { $channel }.
digest-event-review = {" "}(review { $id })
digest-event-focal-point = { $party } nominated a focal point, { $name }.
digest-event-ended = { $name } of { $party } ceased to be a focal point.
digest-event-experts = { $party } nominated { $n ->
    [one] { $count } governmental expert
   *[other] { $count } governmental experts
}.
digest-event-observers = { $party } nominated { $n ->
    [one] { $count } observer
   *[other] { $count } observers
}.
digest-event-date = { $date }: { $event }
digest-counterparts = YOUR COUNTERPARTS' FOCAL POINTS
digest-no-reviews = { $party } takes part in no country review as at { $as_at }.
digest-review = Review { $id }: { $line } (stage: { $stage })
digest-no-focal-point = { $party }: no focal point nominated yet
digest-footer = Please write to { $sender } with any correction. This message was prepared with revdesk from the secretariat's records.
