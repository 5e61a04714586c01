# Rappels et récapitulatifs en français (voir en/mail.ftl).

## Noms : le Mécanisme et les instruments, sous leur titre officiel.

mechanism = Mécanisme d’examen de l’application de la Convention des Nations Unies contre la criminalité transnationale organisée et des Protocoles s’y rapportant
mechanism-short = Mécanisme d’examen
sender-name = Secrétariat du Mécanisme d’examen
instrument-convention = Convention des Nations Unies contre la criminalité transnationale organisée
instrument-tip = Protocole visant à prévenir, réprimer et punir la traite des personnes, en particulier des femmes et des enfants, additionnel à la Convention des Nations Unies contre la criminalité transnationale organisée
instrument-som = Protocole contre le trafic illicite de migrants par terre, mer et air, additionnel à la Convention des Nations Unies contre la criminalité transnationale organisée
instrument-fa = Protocole contre la fabrication et le trafic illicites d’armes à feu, de leurs pièces, éléments et munitions, additionnel à la Convention des Nations Unies contre la criminalité transnationale organisée

## Dates : « 29 février 2024 », « 1er mars 2024 ».

month-1 = janvier
month-2 = février
month-3 = mars
month-4 = avril
month-5 = mai
month-6 = juin
month-7 = juillet
month-8 = août
month-9 = septembre
month-10 = octobre
month-11 = novembre
month-12 = décembre
date = { $day ->
    [1] 1er
   *[other] { $day }
} { $month } { $year }
month-year = { $month } { $year }
days = { $n ->
    [one] { $count } jour
   *[other] { $count } jours
}

## Ce qui est dû, et ce qui s’est passé.

obligation-focal_point = désignation d’un point de contact
obligation-experts = désignation d’experts gouvernementaux
obligation-saq = réponses au questionnaire d’auto-évaluation
obligation-feedback = observations écrites
obligation-observations = liste d’observations
obligation-phase = fin de la phase d’examen
milestone-consultation = consultation préliminaire tenue
milestone-saq = questionnaire d’auto-évaluation soumis
milestone-feedback = observations écrites soumises
milestone-observations = liste d’observations finalisée
milestone-summary = résumé finalisé
stage-awaiting_nominations = désignations attendues
stage-awaiting_consultation = consultation attendue
stage-saq = questionnaire d’auto-évaluation
stage-feedback = observations écrites
stage-observations = listes d’observations
stage-concluded = achevé
channel-email = courrier électronique
channel-note_verbale = note verbale
channel-permanent_mission = mission permanente
channel-field_office = bureau extérieur
channel-meeting = réunion
channel-phone = téléphone
review-line = { $under_review } (États examinateurs : { $reviewers })
list-separator = ,{" "}

## Un rappel.

reminder-subject = { mechanism-short } : { $obligation }, { $party } : { $days } de retard
reminder-greeting-person = Madame, Monsieur ({ $name }),
reminder-greeting-mission = À la Mission permanente de { $party },
reminder-intro = Le secrétariat du { mechanism } rappelle l’obligation suivante de { $party }, qui n’est pas encore remplie au { $as_at }.
reminder-obligation = Obligation : { $obligation }
reminder-review = Examen { $id } : { $line }
reminder-all-reviews = Due une seule fois pour tous les examens de { $party }.
reminder-due = Échéance : { $due } ({ $days } de retard)
reminder-extended = Échéance initiale : { $original } (prorogée)
reminder-covers = L’examen porte sur :
reminder-ask = Le secrétariat vous saurait gré d’y donner suite dans les meilleurs délais et se tient prêt à vous apporter son aide. Si cela a déjà été fait, nous vous prions de bien vouloir en informer le secrétariat afin qu’il puisse mettre à jour ses dossiers.
reminder-sign = Le secrétariat du Mécanisme
reminder-footer = Pour toute question ou correction, veuillez écrire à { $sender }.

## Le récapitulatif mensuel.

digest-subject = { mechanism-short }, { $month } : { $party } : { $overdue } en retard, { $coming } à échéance d’ici au { $horizon }
digest-greeting = Madame, Monsieur ({ $name }),
digest-intro = Voici le récapitulatif établi par le secrétariat pour { $month } des examens de pays auxquels { $party } participe dans le cadre du { mechanism }, au { $as_at }.
digest-owes = OBLIGATIONS DE { $party }
digest-nothing-owed = Aucune obligation n’est en retard et aucune n’arrive à échéance d’ici au { $horizon }.
digest-overdue = En retard :
digest-coming = À échéance d’ici au { $horizon } :
digest-what-review = { $obligation }, examen { $id } ({ $line })
digest-item = { $what } : échéance { $due }, { $status }.
digest-item-extended = { $what } : échéance { $due }, { $status } (prorogée, échéance initiale { $original }).
digest-status-overdue = { $days } de retard
digest-status-today = échéance aujourd’hui
digest-status-in = dans { $days }
digest-status-met = remplie
digest-happened = FAITS SURVENUS EN { $month }
digest-nothing-happened = Rien n’a été enregistré ce mois-ci dans vos examens.
digest-event-milestone = Examen { $id } ({ $line }) : { $milestone }.
digest-event-reminder-you = Le secrétariat vous a adressé un rappel concernant : { $obligation }{ $review }, par { $channel }.
digest-event-reminder = Le secrétariat a adressé un rappel à { $party } concernant : { $obligation }{ $review }, par { $channel }.
digest-event-review = {" "}(examen { $id })
digest-event-focal-point = { $party } a désigné un point de contact : { $name }.
digest-event-ended = { $name } ({ $party }) a cessé d’être point de contact.
digest-event-experts = { $party } a désigné { $n ->
    [one] { $count } expert gouvernemental
   *[other] { $count } experts gouvernementaux
}.
digest-event-observers = { $party } a désigné { $n ->
    [one] { $count } observateur
   *[other] { $count } observateurs
}.
digest-event-date = { $date } : { $event }
digest-counterparts = POINTS DE CONTACT DE VOS HOMOLOGUES
digest-no-reviews = { $party } ne participe à aucun examen de pays au { $as_at }.
digest-review = Examen { $id } : { $line } (étape : { $stage })
digest-no-focal-point = { $party } : aucun point de contact désigné à ce jour
digest-footer = Pour toute correction, veuillez écrire à { $sender }. Ce message a été établi avec revdesk à partir des dossiers du secrétariat.
