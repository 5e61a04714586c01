# 中文提醒和摘要（见 en/mail.ftl）。

## 名称：审议机制和各项文书的正式名称。

mechanism = 联合国打击跨国有组织犯罪公约及其各项议定书实施情况审议机制
mechanism-short = 审议机制
sender-name = 审议机制秘书处
instrument-convention = 联合国打击跨国有组织犯罪公约
instrument-tip = 联合国打击跨国有组织犯罪公约关于预防、禁止和惩治贩运人口特别是妇女和儿童行为的补充议定书
instrument-som = 联合国打击跨国有组织犯罪公约关于打击陆、海、空偷运移民的补充议定书
instrument-fa = 联合国打击跨国有组织犯罪公约关于打击非法制造和贩运枪支及其零部件和弹药的补充议定书

## 日期：“2024年2月29日”。

month-1 = 1
month-2 = 2
month-3 = 3
month-4 = 4
month-5 = 5
month-6 = 6
month-7 = 7
month-8 = 8
month-9 = 9
month-10 = 10
month-11 = 11
month-12 = 12
date = { $year }年{ $month }月{ $day }日
month-year = { $year }年{ $month }月
days = { $count }天

## 应履行的义务和发生的事项。

obligation-focal_point = 指定联络人
obligation-experts = 指定政府专家
obligation-saq = 自评清单答复
obligation-feedback = 书面反馈
obligation-observations = 意见清单
obligation-phase = 审议阶段结束
milestone-consultation = 已举行初步磋商
milestone-saq = 已提交自评清单
milestone-feedback = 已提交书面反馈
milestone-observations = 意见清单已定稿
milestone-summary = 摘要已定稿
stage-awaiting_nominations = 等待指定人员
stage-awaiting_consultation = 等待磋商
stage-saq = 自评清单
stage-feedback = 书面反馈
stage-observations = 意见清单
stage-concluded = 已完成
channel-email = 电子邮件
channel-note_verbale = 普通照会
channel-permanent_mission = 常驻代表团
channel-field_office = 外地办事处
channel-meeting = 会议
channel-phone = 电话
review-line = { $under_review }（审议方：{ $reviewers }）
list-separator = 、

## 提醒。

reminder-subject = { mechanism-short }：{ $party }，{ $obligation }已逾期{ $days }
reminder-greeting-person = { $name }：
reminder-greeting-mission = { $party }常驻代表团：
reminder-intro = { mechanism }秘书处谨提醒，{ $party }的下列义务截至{ $as_at }尚未履行。
reminder-obligation = 义务：{ $obligation }
reminder-review = 审议{ $id }：{ $line }
reminder-all-reviews = 对{ $party }参与的所有审议只须履行一次。
reminder-due = 期限：{ $due }（已逾期{ $days }）
reminder-extended = 原定期限：{ $original }（已延长）
reminder-covers = 本次审议涉及：
reminder-ask = 秘书处希望贵方尽早处理此事，并随时准备提供协助。如已办理，请告知秘书处，以便更正记录。
reminder-sign = 审议机制秘书处
reminder-footer = 如有任何问题或更正，请致函 { $sender }。

## 月度摘要。

digest-subject = { mechanism-short }，{ $month }：{ $party }：逾期{ $overdue }项，{ $horizon }前到期{ $coming }项
digest-greeting = { $name }：
digest-intro = 本摘要为秘书处就{ $party }在{ mechanism }下参与的国别审议所作的{ $month }摘要，截至{ $as_at }。
digest-owes = { $party }应履行的义务
digest-nothing-owed = 没有逾期事项，{ $horizon }前也没有到期事项。
digest-overdue = 逾期：
digest-coming = { $horizon }前到期：
digest-what-review = { $obligation }，审议{ $id }（{ $line }）
digest-item = { $what }：期限{ $due }，{ $status }。
digest-item-extended = { $what }：期限{ $due }，{ $status }（已延长，原定期限{ $original }）。
digest-status-overdue = 已逾期{ $days }
digest-status-today = 今天到期
digest-status-in = { $days }后到期
digest-status-met = 已履行
digest-happened = { $month }发生的事项
digest-nothing-happened = 本月您的审议中没有任何记录。
digest-event-milestone = 审议{ $id }（{ $line }）：{ $milestone }。
digest-event-reminder-you = 秘书处通过{ $channel }就{ $obligation }{ $review }向贵方发出了提醒。
digest-event-reminder = 秘书处通过{ $channel }就{ $obligation }{ $review }向{ $party }发出了提醒。
digest-event-review = （审议{ $id }）
digest-event-focal-point = { $party }指定了联络人{ $name }。
digest-event-ended = { $party }的{ $name }不再担任联络人。
digest-event-experts = { $party }指定了{ $count }名政府专家。
digest-event-observers = { $party }指定了{ $count }名观察员。
digest-event-date = { $date }：{ $event }
digest-counterparts = 对应方的联络人
digest-no-reviews = 截至{ $as_at }，{ $party }未参与任何国别审议。
digest-review = 审议{ $id }：{ $line }（阶段：{ $stage }）
digest-no-focal-point = { $party }：尚未指定联络人
digest-footer = 如需更正，请致函 { $sender }。本消息由 revdesk 根据秘书处的记录编写。
