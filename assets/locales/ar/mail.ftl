# التذكيرات والملخصات باللغة العربية (انظر en/mail.ftl).

## الأسماء: الآلية والصكوك بعناوينها الرسمية.

mechanism = آلية استعراض تنفيذ اتفاقية الأمم المتحدة لمكافحة الجريمة المنظَّمة عبر الوطنية والبروتوكولات الملحقة بها
mechanism-short = آلية الاستعراض
sender-name = أمانة آلية الاستعراض
instrument-convention = اتفاقية الأمم المتحدة لمكافحة الجريمة المنظَّمة عبر الوطنية
instrument-tip = بروتوكول منع وقمع ومعاقبة الاتجار بالأشخاص، وبخاصة النساء والأطفال، المكمِّل لاتفاقية الأمم المتحدة لمكافحة الجريمة المنظَّمة عبر الوطنية
instrument-som = بروتوكول مكافحة تهريب المهاجرين عن طريق البر والبحر والجو، المكمِّل لاتفاقية الأمم المتحدة لمكافحة الجريمة المنظَّمة عبر الوطنية
instrument-fa = بروتوكول مكافحة صنع الأسلحة النارية وأجزائها ومكوِّناتها والذخيرة والاتجار بها بصورة غير مشروعة، المكمِّل لاتفاقية الأمم المتحدة لمكافحة الجريمة المنظَّمة عبر الوطنية

## التواريخ: «29 شباط/فبراير 2024».

month-1 = كانون الثاني/يناير
month-2 = شباط/فبراير
month-3 = آذار/مارس
month-4 = نيسان/أبريل
month-5 = أيار/مايو
month-6 = حزيران/يونيه
month-7 = تموز/يوليه
month-8 = آب/أغسطس
month-9 = أيلول/سبتمبر
month-10 = تشرين الأول/أكتوبر
month-11 = تشرين الثاني/نوفمبر
month-12 = كانون الأول/ديسمبر
date = { $day } { $month } { $year }
month-year = { $month } { $year }
days = { $n ->
    [zero] { $count } يوم
    [one] يوم واحد
    [two] يومان
    [few] { $count } أيام
    [many] { $count } يومًا
   *[other] { $count } يوم
}

## الالتزامات وما جرى.

obligation-focal_point = تسمية جهة وصل
obligation-experts = تسمية خبراء حكوميين
obligation-saq = الردود على قائمة التقييم الذاتي
obligation-feedback = التعليقات الكتابية
obligation-observations = قائمة الملاحظات
obligation-phase = انتهاء مرحلة الاستعراض
milestone-consultation = عُقدت المشاورة الأولية
milestone-saq = قُدِّمت قائمة التقييم الذاتي
milestone-feedback = قُدِّمت التعليقات الكتابية
milestone-observations = وُضعت قائمة الملاحظات في صيغتها النهائية
milestone-summary = وُضع الموجز في صيغته النهائية
stage-awaiting_nominations = في انتظار التسميات
stage-awaiting_consultation = في انتظار المشاورة
stage-saq = قائمة التقييم الذاتي
stage-feedback = التعليقات الكتابية
stage-observations = قوائم الملاحظات
stage-concluded = مكتمل
channel-email = البريد الإلكتروني
channel-note_verbale = مذكرة شفوية
channel-permanent_mission = البعثة الدائمة
channel-field_office = المكتب الميداني
channel-meeting = اجتماع
channel-phone = الهاتف
review-line = { $under_review } (الدول المستعرِضة: { $reviewers })
list-separator = ،{" "}

## تذكير.

reminder-subject = { mechanism-short }: { $obligation }، { $party }: متأخر { $days }
reminder-greeting-person = السيد(ة) { $name }،
reminder-greeting-mission = إلى البعثة الدائمة لـ{ $party }،
reminder-intro = تودّ أمانة { mechanism } أن تذكّر بالالتزام التالي المترتب على { $party }، والذي لم يُستوفَ بعدُ حتى { $as_at }.
reminder-obligation = الالتزام: { $obligation }
reminder-review = الاستعراض { $id }: { $line }
reminder-all-reviews = يُستوفى مرة واحدة لجميع استعراضات { $party }.
reminder-due = الموعد النهائي: { $due } (متأخر { $days })
reminder-extended = الموعد الأصلي: { $original } (مُدِّد)
reminder-covers = يشمل الاستعراض:
reminder-ask = وستكون الأمانة ممتنة لو أمكن تناول هذا الأمر في أقرب فرصة، وهي على استعداد لتقديم المساعدة. وإذا كان قد أُنجز بالفعل، فيُرجى إبلاغ الأمانة بذلك لكي تصحح سجلاتها.
reminder-sign = أمانة الآلية
reminder-footer = لأي سؤال أو تصحيح، يُرجى الكتابة إلى { $sender }.

## الملخص الشهري.

digest-subject = { mechanism-short }، { $month }: { $party }: متأخر { $overdue }، ويحل أجل { $coming } بحلول { $horizon }
digest-greeting = السيد(ة) { $name }،
digest-intro = هذا ملخص الأمانة لشهر { $month } عن الاستعراضات القُطرية التي تشارك فيها { $party } في إطار { mechanism }، حتى { $as_at }.
digest-owes = التزامات { $party }
digest-nothing-owed = لا يوجد أي التزام متأخر، ولا يحل أجل أي التزام بحلول { $horizon }.
digest-overdue = متأخر:
digest-coming = يحل أجله بحلول { $horizon }:
digest-what-review = { $obligation }، الاستعراض { $id } ({ $line })
digest-item = { $what }: الموعد النهائي { $due }، { $status }.
digest-item-extended = { $what }: الموعد النهائي { $due }، { $status } (مُدِّد، الموعد الأصلي { $original }).
digest-status-overdue = متأخر { $days }
digest-status-today = يحل أجله اليوم
digest-status-in = بعد { $days }
digest-status-met = مستوفى
digest-happened = ما جرى في { $month }
digest-nothing-happened = لم يُسجَّل أي شيء في استعراضاتكم هذا الشهر.
digest-event-milestone = الاستعراض { $id } ({ $line }): { $milestone }.
digest-event-reminder-you = أرسلت الأمانة إليكم تذكيرًا بشأن: { $obligation }{ $review }، عن طريق: { $channel }.
digest-event-reminder = أرسلت الأمانة تذكيرًا إلى { $party } بشأن: { $obligation }{ $review }، عن طريق: { $channel }.
digest-event-review = {" "}(الاستعراض { $id })
digest-event-focal-point = سمّت { $party } جهة وصل: { $name }.
digest-event-ended = لم يعد { $name } ({ $party }) جهة وصل.
digest-event-experts = سمّت { $party } خبراء حكوميين، عددهم: { $count }.
digest-event-observers = سمّت { $party } مراقبين، عددهم: { $count }.
digest-event-date = { $date }: { $event }
digest-counterparts = جهات الوصل لدى نظرائكم
digest-no-reviews = لا تشارك { $party } في أي استعراض قُطري حتى { $as_at }.
digest-review = الاستعراض { $id }: { $line } (المرحلة: { $stage })
digest-no-focal-point = { $party }: لم تُسمَّ جهة وصل بعدُ
digest-footer = لأي تصحيح، يُرجى الكتابة إلى { $sender }. أُعدَّت هذه الرسالة باستخدام revdesk استنادًا إلى سجلات الأمانة.
