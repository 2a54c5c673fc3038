<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AcceptMode</name>
    <message>
        <location filename="../../clerk_app/ui/labels.py" line="+67"/>
        <source>受理</source>
        <translation>standard</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>容缺受理</source>
        <translation>deferred materials</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>告知承诺受理</source>
        <translation>on commitment</translation>
    </message>
</context>
<context>
    <name>ApplicantStep</name>
    <message>
        <location filename="../../clerk_app/ui/intake/applicant.py" line="+53"/>
        <source>自然人</source>
        <translation>Natural person</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>法人或其他组织</source>
        <translation>Legal person or other organisation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>刷身份证（F2）或输入证件号码</source>
        <translation>Swipe the ID card (F2) or type the ID number</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>读取身份证（F2）</source>
        <translation>Read ID card (F2)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>代办人办理（须签订代办委托协议）</source>
        <translation>Handled by an agent (power of attorney required)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>代办人</source>
        <translation>Agent</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>委托人已确认责任条款</source>
        <translation>Principal has confirmed the liability terms</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>代办人证件号码</source>
        <translation>Agent&apos;s ID number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>代办人姓名</source>
        <translation>Agent&apos;s name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>委托事项范围</source>
        <translation>Scope of the mandate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>委托期限至</source>
        <translation>Mandate valid until</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>下一步（Enter）</source>
        <translation>Next (Enter)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>申请人类型</source>
        <translation>Applicant type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>姓名/名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>继续办理（Enter）</source>
        <translation>Continue (Enter)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>撤回……</source>
        <translation>Withdraw…</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>证件号码有效（%1 出生）</source>
        <translation>ID number valid (born %1)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>未配置身份证读卡器：请手工输入证件号码。</source>
        <translation>No ID card reader configured: type the ID number by hand.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请将身份证放在读卡器上……</source>
        <translation>Place the ID card on the reader…</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>暂存</source>
        <translation>Set aside</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>未完成</source>
        <translation>Unfinished</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1&#x3000;%2&#x3000;%3&#x3000;%4（%5 接件）</source>
        <translation>%1  %2  %3  %4 (received %5)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>未完成的接件（%1）：选中后 Enter 继续办理</source>
        <translation>Unfinished intakes (%1): select one and press Enter to continue</translation>
    </message>
</context>
<context>
    <name>ApplicationFormDialog</name>
    <message>
        <location filename="../../clerk_app/ui/application_form.py" line="+71"/>
        <source>带 * 的为必填项；刷身份证后姓名、证件号码、地址已自动填入，请核对。</source>
        <translation>Fields marked * are required; name, ID number and address come from the ID card: please check them.</translation>
    </message>
</context>
<context>
    <name>AssistanceForm</name>
    <message>
        <location filename="../../clerk_app/ui/counter_ledgers.py" line="+128"/>
        <source>登记帮办代办</source>
        <translation>Record assistance</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>服务类型</source>
        <translation>Service type</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+5"/>
        <source>服务对象</source>
        <translation>Served person</translation>
    </message>
    <message>
        <location line="-4"/>
        <location line="+5"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="-4"/>
        <location line="+4"/>
        <source>所办事项</source>
        <translation>Matter</translation>
    </message>
    <message>
        <location line="-3"/>
        <location line="+4"/>
        <source>办件编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>可选</source>
        <translation>Optional</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+3"/>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>服务类型（免费）</source>
        <translation>Service type (free of charge)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>已登记帮办代办。</source>
        <translation>Assistance recorded.</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <location filename="../../clerk_app/ui/manager/widgets.py" line="+79"/>
        <source>（本期无数据）</source>
        <translation>(no data for this period)</translation>
    </message>
</context>
<context>
    <name>CalendarPage</name>
    <message>
        <location filename="../../clerk_app/ui/manager/calendar_page.py" line="+36"/>
        <source>选择节假日安排文件…</source>
        <translation>Choose holiday schedule file…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请选择国务院办公厅公布的年度节假日安排文件（TOML，格式见 docs/calendar.md）。</source>
        <translation>Choose the year&apos;s holiday schedule published by the State Council General Office (TOML, format in docs/calendar.md).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>确认导入并重算期限</source>
        <translation>Import and recompute deadlines</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>放弃</source>
        <translation>Discard</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>只有系统管理员或信息技术人员可以导入节假日安排。</source>
        <translation>Only administrators or IT staff may import holiday schedules.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1；%2</source>
        <translation>%1; %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 年：尚无安排，期限只按周末计算并标为暂定</source>
        <translation>%1: no schedule yet; deadlines count weekends only and are provisional</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+21"/>
        <source>正式</source>
        <translation>official</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>暂定</source>
        <translation>provisional</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 年：%2（%3）</source>
        <translation>%1: %2 (%3)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>选择节假日安排文件</source>
        <translation>Choose holiday schedule file</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>节假日安排 (*.toml)</source>
        <translation>Holiday schedule (*.toml)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>暂定（期限仍标为暂定）</source>
        <translation>provisional (deadlines stay provisional)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>将替换现有的 %1 年安排（%2）。</source>
        <translation>Replaces the current %1 schedule (%2).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 年目前尚无安排。</source>
        <translation>There is no %1 schedule yet.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 年节假日安排，%2；来源：%3。放假 %4 天，调休上班 %5 天。%6</source>
        <translation>%1 holiday schedule, %2; source: %3. %4 days off, %5 make-up working days. %6</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>放假</source>
        <translation>Holiday</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 至 %2</source>
        <translation>%1 to %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>调休上班</source>
        <translation>Make-up working day</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 年节假日安排</source>
        <translation>%1 holiday schedule</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>类别</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>天数</source>
        <translation>Days</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>周一</source>
        <translation>Mon</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>周二</source>
        <translation>Tue</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>周三</source>
        <translation>Wed</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>周四</source>
        <translation>Thu</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>周五</source>
        <translation>Fri</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>周六</source>
        <translation>Sat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>周日</source>
        <translation>Sun</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>请先选择节假日安排文件并预览。</source>
        <translation>Choose a holiday schedule file and preview it first.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>已导入 %1 年节假日安排；%2 件办件的承诺办结日期已重新计算。</source>
        <translation>%1 holiday schedule imported; the promised due dates of %2 cases were recomputed.</translation>
    </message>
</context>
<context>
    <name>CaptureDialog</name>
    <message>
        <location filename="../../clerk_app/ui/capture_dialog.py" line="+62"/>
        <source>拍照 — %1</source>
        <translation>Capture — %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+1"/>
        <source>高拍仪拍照</source>
        <translation>Document camera capture</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+80"/>
        <source>高拍仪预览画面</source>
        <translation>Document camera preview</translation>
    </message>
    <message>
        <location line="-73"/>
        <source>拍照（空格）</source>
        <translation>Capture (Space)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>拍照</source>
        <translation>Capture</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导入文件…</source>
        <translation>Import file…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>重新检测</source>
        <translation>Detect again</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消（Esc）</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>未检测到高拍仪：可以点“导入文件…”添加材料图片。</source>
        <translation>No document camera detected: click “Import file…” to add the material&apos;s image.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>本窗口未配置高拍仪。
请用“导入文件…”添加材料图片。</source>
        <translation>No document camera is configured at this window.
Use “Import file…” to add the material&apos;s image.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>正在连接高拍仪……</source>
        <translation>Connecting to the document camera…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请把材料平放在高拍仪下，对准后按空格拍照。</source>
        <translation>Lay the material flat under the document camera, line it up and press Space to capture.</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+70"/>
        <source>未检测到高拍仪

%1

也可以用“导入文件…”添加材料图片。</source>
        <translation>No document camera detected

%1

You can also use “Import file…” to add the material&apos;s image.</translation>
    </message>
    <message>
        <location line="-48"/>
        <source>高拍仪拍照失败：%1。请重试，或改用“导入文件”。</source>
        <translation>Capture failed: %1. Try again, or use “Import file”.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>高拍仪无法打开：%1
请拔插一次后点“重新检测”。</source>
        <translation>The document camera cannot be opened: %1
Unplug it, plug it back in and click “Detect again”.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1：请把材料平放在高拍仪下，对准后按空格拍照。</source>
        <translation>%1: lay the material flat under the document camera, line it up and press Space to capture.</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>高拍仪预览出错，已记录日志。</source>
        <translation>The document camera preview failed; the error has been logged.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>正在拍照……</source>
        <translation>Capturing…</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>正在导入……</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>导入材料影像</source>
        <translation>Import material image</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>图片或 PDF (*.jpg *.jpeg *.png *.bmp *.tif *.tiff *.pdf)</source>
        <translation>Images or PDF (*.jpg *.jpeg *.png *.bmp *.tif *.tiff *.pdf)</translation>
    </message>
</context>
<context>
    <name>CaseAction</name>
    <message>
        <location filename="../../clerk_app/ui/labels.py" line="+10"/>
        <source>受理</source>
        <translation>Accept</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不予受理</source>
        <translation>Reject</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>一次性告知</source>
        <translation>One-time notice</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>补正后重新提交</source>
        <translation>Resubmitted after correction</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>流转至部门</source>
        <translation>Transfer to department</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>部门要求补件</source>
        <translation>Department requests supplement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>补件已送达</source>
        <translation>Supplement delivered</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>部门退件</source>
        <translation>Returned by department</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办结</source>
        <translation>Decide</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>结果待领取</source>
        <translation>Result ready</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>出件</source>
        <translation>Deliver</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无法送达</source>
        <translation>Mark undeliverable</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>归档</source>
        <translation>Archive</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>撤回</source>
        <translation>Withdraw</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>容缺材料已补齐</source>
        <translation>Deferred materials complete</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>容缺承诺逾期未履行</source>
        <translation>Deferred-material commitment broken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退回部门</source>
        <translation>Returned to department</translation>
    </message>
</context>
<context>
    <name>CaseDetailDialog</name>
    <message>
        <location filename="../../clerk_app/ui/case_detail.py" line="+35"/>
        <location line="+180"/>
        <source>流转至部门</source>
        <translation>Transfer to department</translation>
    </message>
    <message>
        <location line="-179"/>
        <source>补件已送部门</source>
        <translation>Supplement sent to department</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>结果已到，待出件</source>
        <translation>Result arrived, ready for pickup</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>容缺材料已补齐</source>
        <translation>Deferred materials complete</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+170"/>
        <source>申请人撤回</source>
        <translation>Withdrawn by applicant</translation>
    </message>
    <message>
        <location line="-169"/>
        <source>归档</source>
        <translation>Archive</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>办件详情 — %1</source>
        <translation>Case details — %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>显示完整证件号（将记录审计）</source>
        <translation>Show full ID number (audited)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>代办人</source>
        <translation>Agent</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>联办件</source>
        <translation>Joint application</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+39"/>
        <source>材料</source>
        <translation>Materials</translation>
    </message>
    <message>
        <location line="-39"/>
        <source>必要性</source>
        <translation>Necessity</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>核验结果</source>
        <translation>Check result</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+4"/>
        <source>说明</source>
        <translation>Remarks</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>经办人</source>
        <translation>Handled by</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>状态变化</source>
        <translation>State change</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>暂停计时（特别程序）</source>
        <translation>Stop the clock (special procedure)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>恢复计时</source>
        <translation>Restart the clock</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+141"/>
        <location line="+4"/>
        <source>延长期限</source>
        <translation>Extend the time limit</translation>
    </message>
    <message>
        <location line="-143"/>
        <location line="+166"/>
        <source>认定虚假承诺</source>
        <translation>Record a false commitment</translation>
    </message>
    <message>
        <location line="-149"/>
        <source>办理过程</source>
        <translation>Case history</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>承诺办结 %1</source>
        <translation>Due %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>（暂定）</source>
        <translation> (provisional)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>（%1）</source>
        <translation> (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&#x3000;容缺材料须于 %1 前补交（%2）</source>
        <translation>  Deferred materials due by %1 (%2)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&#x3000;暂停计时中：%1（自 %2）</source>
        <translation>&#x3000;Clock stopped: %1 (since %2)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&#x3000;已延长 %1 个工作日（%2 批准）</source>
        <translation>&#x3000;Extended by %1 working days (approved by %2)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;b&gt;%1&lt;/b&gt;&#x3000;%2&#x3000;%3&lt;br&gt;状态：&lt;b&gt;%4&lt;/b&gt;%5&#x3000;接件 %6&#x3000;%7</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;  %2  %3&lt;br&gt;State: &lt;b&gt;%4&lt;/b&gt;%5  Received %6  %7</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 %2（%3）</source>
        <translation>%1 %2 (%3)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>接件</source>
        <translation>Received</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已接件</source>
        <translation>Received</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1号窗口</source>
        <translation>Window %1</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>确认身份</source>
        <translation>Confirm your identity</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>显示完整证件号须再次输入您的密码：</source>
        <translation>Enter your password again to show the full ID number:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>撤回原因：</source>
        <translation>Reason for withdrawal:</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+5"/>
        <source>部门接收人：</source>
        <translation>Receiver in the department:</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+3"/>
        <source>退回部门</source>
        <translation>Return to the department</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>退回原因：</source>
        <translation>Reason for the return:</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>暂停计时</source>
        <translation>Stop the clock</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>特别程序（所需时间不计入办理时限）：</source>
        <translation>Special procedure (its time does not count against the limit):</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>延长的工作日数：</source>
        <translation>Working days to add:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>延长理由（将写入办件并告知申请人）：</source>
        <translation>Reason for the extension (kept on the case and told to the applicant):</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>核查发现的情况（将记入申请人信用）：</source>
        <translation>What the check found (recorded in the applicant&apos;s credit):</translation>
    </message>
</context>
<context>
    <name>CaseFilter</name>
    <message>
        <location filename="../../clerk_app/ui/labels.py" line="+42"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>今日</source>
        <translation>Today</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>即将到期</source>
        <translation>Due soon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已超期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>待取件</source>
        <translation>Awaiting pickup</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>待补正</source>
        <translation>Pending supplement</translation>
    </message>
</context>
<context>
    <name>CaseKind</name>
    <message>
        <location line="-15"/>
        <source>即办件</source>
        <translation>Immediate case</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>承诺件</source>
        <translation>Promised case</translation>
    </message>
</context>
<context>
    <name>CaseListPage</name>
    <message>
        <location filename="../../clerk_app/ui/case_list.py" line="+27"/>
        <source>办件编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>事项</source>
        <translation>Matter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>接件时间</source>
        <translation>Received at</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>承诺办结</source>
        <translation>Due date</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>联办件</source>
        <translation>Joint application</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>搜索：办件编号或其末尾（0031）/ 身份证号或末几位（002X）/ 手机号 / 姓名（Ctrl+F）</source>
        <translation>Search: case number or its end (0031) / ID number or its last digits (002X) / phone / name (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>上一页（PgUp）</source>
        <translation>Previous page (PgUp)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>下一页（PgDn）</source>
        <translation>Next page (PgDn)</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>共 %1 件，显示前 %2 件（PgDn 下一页）</source>
        <translation>%1 cases, showing the first %2 (PgDn for more)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>共 %1 件，显示第 %2–%3 件</source>
        <translation>%1 cases, showing %2–%3</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>（暂定）</source>
        <translation> (provisional)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>告知期限 %1</source>
        <translation>Notice due %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>联办：%1</source>
        <translation>Joint with: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>共 %n 件</source>
        <translation>
            <numerusform>%n case</numerusform>
            <numerusform>%n cases</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CaseState</name>
    <message>
        <location filename="../../clerk_app/ui/labels.py" line="-83"/>
        <source>已接件</source>
        <translation>Received</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>待补正</source>
        <translation>Awaiting supplement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已受理</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不予受理</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已流转</source>
        <translation>Transferred</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>部门补件</source>
        <translation>Department supplement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>部门退件</source>
        <translation>Returned by department</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已办结</source>
        <translation>Decided</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>待出件</source>
        <translation>Ready for pickup</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已出件</source>
        <translation>Delivered</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无法送达</source>
        <translation>Undeliverable</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已归档</source>
        <translation>Archived</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已撤回</source>
        <translation>Withdrawn</translation>
    </message>
</context>
<context>
    <name>CataloguePage</name>
    <message>
        <location filename="../../clerk_app/ui/manager/catalogue_page.py" line="+72"/>
        <source>按名称、关键词、编码或拼音首字母查找事项</source>
        <translation>Find a matter by name, keyword, code or pinyin initials</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>查找事项</source>
        <translation>Find matter</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>保存授权清单</source>
        <translation>Save authorisations</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导入目录文件…</source>
        <translation>Import catalogue file…</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>只有系统管理员可以修改事项目录和授权清单。</source>
        <translation>Only administrators may change the catalogue and the authorisations.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>编辑所选事项</source>
        <translation>Edit selected matter</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>可告知承诺办理</source>
        <translation>May be handled by notification and commitment</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>材料名称</source>
        <translation>Material</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>形式</source>
        <translation>Form</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>份数</source>
        <translation>Copies</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>必要性（容缺）</source>
        <translation>Necessity (deferrable)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>保存修改</source>
        <translation>Save changes</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+12"/>
        <location line="+49"/>
        <location line="+151"/>
        <source>事项名称</source>
        <translation>Matter</translation>
    </message>
    <message>
        <location line="-212"/>
        <location line="+13"/>
        <location line="+48"/>
        <source>实施主体</source>
        <translation>Department</translation>
    </message>
    <message>
        <location line="-60"/>
        <location line="+13"/>
        <location line="+48"/>
        <source>法定时限</source>
        <translation>Statutory limit</translation>
    </message>
    <message>
        <location line="-61"/>
        <location line="+14"/>
        <location line="+47"/>
        <source>承诺时限</source>
        <translation>Promised limit</translation>
    </message>
    <message>
        <location line="-60"/>
        <location line="+16"/>
        <source>容缺补交天数</source>
        <translation>Days to supply deferred materials</translation>
    </message>
    <message>
        <location line="-7"/>
        <location line="+50"/>
        <location line="+151"/>
        <source>基本编码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location line="-196"/>
        <location line="+46"/>
        <source>办件类型</source>
        <translation>Case kind</translation>
    </message>
    <message>
        <location line="-41"/>
        <source>申请材料（必要性选“容缺后补”即可容缺受理）：</source>
        <translation>Materials (choose “Deferrable” to allow acceptance with deferred materials):</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>导入预览</source>
        <translation>Import preview</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>确认导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>放弃</source>
        <translation>Discard</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>未知</source>
        <translation>unknown</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>目录：%1（版本 %2）；共 %3 项，授权本窗口 %4 项。来源：%5 %6；截至 %7</source>
        <translation>Catalogue: %1 (version %2); %3 matters, %4 authorised to this window. Source: %5 %6; as of %7</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>授权本窗口</source>
        <translation>Authorised</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>告知承诺</source>
        <translation>Commitment</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>容缺材料</source>
        <translation>Deferrable materials</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>申请材料</source>
        <translation>Materials</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>授权期限</source>
        <translation>Authorisation period</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>可</source>
        <translation>yes</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>否</source>
        <translation>no</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无</source>
        <translation>none</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>长期</source>
        <translation>Open-ended</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>请先在列表中选中一个事项。</source>
        <translation>Select a matter in the list first.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>已保存事项“%1”的修改。</source>
        <translation>Changes to “%1” saved.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>授权清单已保存：新增 %1 项，取消 %2 项。</source>
        <translation>Authorisations saved: %1 added, %2 withdrawn.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>授权清单没有变化。</source>
        <translation>The authorisations did not change.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>选择事项目录文件</source>
        <translation>Choose catalogue file</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>事项目录 (*.toml)</source>
        <translation>Catalogue (*.toml)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1（版本 %2）：新增 %3 项，修改 %4 项，删除 %5 项。</source>
        <translation>%1 (version %2): %3 added, %4 changed, %5 removed.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>注意：将删除的事项还有 %1 件办件未办结，它们保留原承诺期限。</source>
        <translation>Note: %1 open cases belong to matters being removed; they keep their promised dates.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>与当前目录相同。</source>
        <translation>Same as the current catalogue.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>新增</source>
        <translation>Added</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>修改</source>
        <translation>Changed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>删除</source>
        <translation>Removed</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>变化</source>
        <translation>Change</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>改动的字段</source>
        <translation>Changed fields</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>请先选择目录文件并预览差异。</source>
        <translation>Choose a catalogue file and preview the differences first.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>已导入事项目录 %1。</source>
        <translation>Catalogue %1 imported.</translation>
    </message>
</context>
<context>
    <name>CommitmentStatus</name>
    <message>
        <location filename="../../clerk_app/ui/labels.py" line="+46"/>
        <source>无</source>
        <translation>none</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>待补交</source>
        <translation>pending</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已补齐</source>
        <translation>fulfilled</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>逾期未补</source>
        <translation>broken</translation>
    </message>
</context>
<context>
    <name>ComplaintIntakeForm</name>
    <message>
        <location filename="../../clerk_app/ui/counter_ledgers.py" line="+5"/>
        <source>登记办不成事 / 投诉建议</source>
        <translation>Record unresolved request / complaint</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+10"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location line="-8"/>
        <location line="+8"/>
        <source>处理方式</source>
        <translation>Handling</translation>
    </message>
    <message>
        <location line="-5"/>
        <location line="+6"/>
        <source>反映的问题</source>
        <translation>Issue raised</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>当场解决情况或告知的办理途径</source>
        <translation>How it was solved on the spot, or where to go</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>反映人姓名</source>
        <translation>Complainant&apos;s name</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+1"/>
        <source>保密，仅带班负责人可见</source>
        <translation>Confidential, visible to the duty leader only</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>反映人电话</source>
        <translation>Complainant&apos;s phone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>相关办件编号</source>
        <translation>Related case number</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>可选</source>
        <translation>Optional</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>解决情况 / 办理途径</source>
        <translation>Solution / where to go</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>反映人</source>
        <translation>Complainant</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>相关办件</source>
        <translation>Related case</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>已登记。</source>
        <translation>Recorded.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>复杂问题须在 %1 个工作日内办结或答复。</source>
        <translation> Complex issues must be resolved or answered within %1 working days.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>须于今日转至主管部门，并告知申请人承办部门和承办人。</source>
        <translation> Transfer it to the competent department today and tell the applicant which department and person handle it.</translation>
    </message>
</context>
<context>
    <name>ComplaintStep</name>
    <message>
        <location filename="../../clerk_app/ui/labels.py" line="+47"/>
        <source>发现问题</source>
        <translation>Found</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>分析原因</source>
        <translation>Analysed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>派发工单</source>
        <translation>Dispatched</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>限期解决</source>
        <translation>Being solved</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>结果核查</source>
        <translation>Verified</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>监督检查</source>
        <translation>Supervised</translation>
    </message>
</context>
<context>
    <name>ComplaintsPage</name>
    <message>
        <location filename="../../clerk_app/ui/manager/complaints_page.py" line="+31"/>
        <source>下一环节：—</source>
        <translation>Next step: —</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>本环节情况说明</source>
        <translation>Remarks on this step</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>承办部门（派发工单时填写）</source>
        <translation>Handling department (when dispatching)</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+12"/>
        <source>承办人</source>
        <translation>Handler</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>推进到下一环节</source>
        <translation>Advance to next step</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>登记首次回访核实</source>
        <translation>Record first call</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>查看反映人身份（须再次输入密码，将记录审计）</source>
        <translation>Show who raised it (password again; audited)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>情况说明</source>
        <translation>Remarks</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>承办部门</source>
        <translation>Handling department</translation>
    </message>
    <message numerus="yes">
        <location line="+33"/>
        <source>共 %n 件；超期 %1 件；投诉超时未回访 %2 件。投诉第一时间回访核实，复杂问题 %3 个工作日内办结，本级事权当日转办。</source>
        <translation>
            <numerusform>%n item; %1 overdue; %2 complaints not called back in time. Complaints are called back at once, complex items closed within %3 working days, items of our competence transferred the same day.</numerusform>
            <numerusform>%n items; %1 overdue; %2 complaints not called back in time. Complaints are called back at once, complex items closed within %3 working days, items of our competence transferred the same day.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>下一环节：%1</source>
        <translation>Next step: %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>请先选中一件未办结的事项。</source>
        <translation>Select an open item first.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>请先选中一件尚未回访的投诉。</source>
        <translation>Select a complaint not yet called back first.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>已登记首次回访核实。</source>
        <translation>First call recorded.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>已完成“%1”环节。</source>
        <translation>Step &quot;%1&quot; completed.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>请先选中一件事项。</source>
        <translation>Select an item first.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>反映人未留姓名和电话。</source>
        <translation>The person left no name or phone number.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>反映人：%1&#x3000;联系电话：%2</source>
        <translation>Raised by: %1&#x3000;Phone: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>确认身份</source>
        <translation>Confirm your identity</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>查看反映人身份须再次输入您的密码：</source>
        <translation>Enter your password again to see who raised this item:</translation>
    </message>
</context>
<context>
    <name>ConsultationForm</name>
    <message>
        <location filename="../../clerk_app/ui/counter_ledgers.py" line="-78"/>
        <source>登记咨询</source>
        <translation>Record enquiry</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+6"/>
        <source>咨询方式</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>咨询问题</source>
        <translation>Question</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>答复内容</source>
        <translation>Answer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>当场无法答复，需回电</source>
        <translation>Cannot answer on the spot, call back</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+6"/>
        <source>联系人</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location line="-5"/>
        <location line="+6"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>问题</source>
        <translation>Question</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>答复（一次性告知）</source>
        <translation>Answer (complete, in one go)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>首问负责人</source>
        <translation>First-contact clerk</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>已登记咨询。</source>
        <translation>Enquiry recorded.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>请在下一个工作日内回电。</source>
        <translation> Call back within the next working day.</translation>
    </message>
</context>
<context>
    <name>CounterLedgersPage</name>
    <message>
        <location line="+170"/>
        <source>咨询登记</source>
        <translation>Enquiries</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>帮办代办</source>
        <translation>Assistance</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办不成事</source>
        <translation>Unresolved requests</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>应急登记</source>
        <translation>Emergencies</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>满意度调查（纸质录入）</source>
        <translation>Survey (paper entry)</translation>
    </message>
</context>
<context>
    <name>CustomerScreen</name>
    <message>
        <location filename="../../clerk_app/ui/customer_screen.py" line="+30"/>
        <source>非常满意</source>
        <translation>Very
satisfied</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>满意</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>基本满意</source>
        <translation>Fairly
satisfied</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不满意</source>
        <translation>Dissatisfied</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>非常不满意</source>
        <translation>Very
dissatisfied</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>工作纪律</source>
        <translation>Work discipline</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>仪容仪表</source>
        <translation>Appearance</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>行为举止</source>
        <translation>Conduct</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>服务态度</source>
        <translation>Attitude</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>服务用语</source>
        <translation>Language</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>服务效率</source>
        <translation>Efficiency</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>业务能力</source>
        <translation>Competence</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>落实服务制度</source>
        <translation>Following service rules</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>服务评价</source>
        <translation>Service rating</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+141"/>
        <source>请您对本次服务进行评价</source>
        <translation>Please rate our service</translation>
    </message>
    <message>
        <location line="-125"/>
        <source>评价：%1</source>
        <translation>Rating: %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>提交评价</source>
        <translation>Submit rating</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>暂停服务</source>
        <translation>Service paused</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1号窗口&#x3000;服务人员：%2&#x3000;工号：%3</source>
        <translation>Window %1   Served by: %2   Staff no.: %3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1号窗口
暂停服务</source>
        <translation>Window %1
Service paused</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>感谢您参加满意度调查！</source>
        <translation>Thank you for taking the satisfaction survey!</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>欢迎办理业务</source>
        <translation>Welcome</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>办件编号：%1</source>
        <translation>Case number: %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>您的评价主要涉及哪些方面？（可多选，也可直接提交）</source>
        <translation>What was it mainly about? (choose any, or just submit)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>感谢您的评价！</source>
        <translation>Thank you for your rating!</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../clerk_app/ui/manager/dashboard.py" line="+49"/>
        <source>统计周期</source>
        <translation>Period</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>按部门收件量</source>
        <translation>Cases received by department</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>受理 / 一次性告知 / 不予受理</source>
        <translation>Accepted / notice of missing materials / rejected</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>评价分布</source>
        <translation>Ratings</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>催办所选办件</source>
        <translation>Urge selected case</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>按日期</source>
        <translation>By day</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>按事项</source>
        <translation>By matter</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>按窗口</source>
        <translation>By window</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>等候与办理用时的统计维度</source>
        <translation>Grouping of waiting and handling times</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>平均等候（分钟）</source>
        <translation>Average wait (minutes)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>统计周期：</source>
        <translation>Period:</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>等候与办理用时</source>
        <translation>Waiting and handling times</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>正在统计……</source>
        <translation>Computing…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>数据截至 %1（本机数据）</source>
        <translation>Data as of %1 (this computer)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1（%2%）</source>
        <translation>%1 (%2%)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已超期 %1 件，%2 个工作日内到期 %3 件（列出最紧急的 %4 件）</source>
        <translation>%1 overdue, %3 due within %2 working days (the %4 most urgent listed)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已超期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>即将到期</source>
        <translation>Due soon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办件编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>事项</source>
        <translation>Matter</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>窗口人员</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>承诺办结</source>
        <translation>Due date</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>时效</source>
        <translation>Timeliness</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>催办次数</source>
        <translation>Times urged</translation>
    </message>
    <message>
        <location line="-65"/>
        <location line="+66"/>
        <source>到期办件</source>
        <translation>Cases coming due</translation>
    </message>
    <message>
        <location line="-38"/>
        <source>%1号窗口（%2）暂停服务已 %3 分钟，超过 %4 分钟</source>
        <translation>Window %1 (%2) has been paused for %3 minutes, over %4 minutes</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>正在统计等候与办理用时……</source>
        <translation>Counting waiting and handling times…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>正在按事项统计……</source>
        <translation>Counting by matter…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>本期服务 %1 人次（取号→叫号为等候，叫号→办结为办理；P90：九成群众不超过的时间）</source>
        <translation>%1 people served in the period (waiting: ticket taken → called; handling: called → finished; P90: the time nine in ten did not exceed)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>请先在到期办件列表中选中一件。</source>
        <translation>Select a case in the list of cases coming due first.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已催办 %1（第 %2 次）。</source>
        <translation>Urged %1 (time %2).</translation>
    </message>
</context>
<context>
    <name>DecisionConfirmDialog</name>
    <message>
        <location filename="../../clerk_app/ui/intake/dialogs.py" line="+44"/>
        <source>确认受理决定</source>
        <translation>Confirm the decision</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>作出决定：%1</source>
        <translation>Decision: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>申请人：%1</source>
        <translation>Applicant: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>将出具并编号的文书（各一式二份）：%1</source>
        <translation>Numbered documents to be issued (each in duplicate): %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无</source>
        <translation>none</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>决定作出后不能撤回或修改。</source>
        <translation>Once issued, the decision cannot be taken back or changed.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>确认（Enter）</source>
        <translation>Confirm (Enter)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>返回修改（Esc）</source>
        <translation>Go back (Esc)</translation>
    </message>
</context>
<context>
    <name>DecisionStep</name>
    <message>
        <location filename="../../clerk_app/ui/intake/decision.py" line="+54"/>
        <source>告知承诺（本事项适用，须向申请人告知并记录其选择）</source>
        <translation>Commitment-based approval (applies to this matter: tell the applicant and record the choice)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已告知：申请人选择告知承诺（Y）</source>
        <translation>Told: applicant chooses commitment (Y)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已告知：申请人不选择（N）</source>
        <translation>Told: applicant declines (N)</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>不予受理的理由</source>
        <translation>Reason for rejection</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>法律依据，如《行政许可法》第三十二条</source>
        <translation>Legal basis, e.g. Administrative Licensing Law, art. 32</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>容缺材料补交期限</source>
        <translation>Deferred materials due by</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不予受理理由</source>
        <translation>Reason for rejection</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>法律依据</source>
        <translation>Legal basis</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>联办件第 %1/%2 件：%3（%4）——每个事项分别作受理决定。</source>
        <translation>Joint application, case %1 of %2: %3 (%4) — each matter gets its own decision.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已记录</source>
        <translation>Recorded</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>尚未告知</source>
        <translation>Not told yet</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>请填写不予受理的理由。</source>
        <translation>Enter the reason for rejection.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请填写不予受理的法律依据。</source>
        <translation>Enter the legal basis for rejection.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>，代办人 %1</source>
        <translation>, agent %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>容缺材料补交期限：%1</source>
        <translation>Deferred materials due by: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>理由：%1</source>
        <translation>Reason: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>法律依据：%1</source>
        <translation>Legal basis: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>办件 %1&#x3000;%2</source>
        <translation>Case %1  %2</translation>
    </message>
</context>
<context>
    <name>DeliveryMode</name>
    <message>
        <location filename="../../clerk_app/ui/labels.py" line="-60"/>
        <source>窗口领取</source>
        <translation>Pickup at the window</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>邮寄送达</source>
        <translation>By post</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>电子证照</source>
        <translation>Electronic licence</translation>
    </message>
</context>
<context>
    <name>DeviceIndicators</name>
    <message>
        <location filename="../../clerk_app/ui/device_panel.py" line="+33"/>
        <source>尚未检查</source>
        <translation>Not checked yet</translation>
    </message>
</context>
<context>
    <name>DeviceKind</name>
    <message>
        <location filename="../../clerk_app/ui/labels.py" line="+83"/>
        <source>身份证阅读器</source>
        <translation>ID card reader</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>小票打印机</source>
        <translation>Receipt printer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>高拍仪</source>
        <translation>Document camera</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>评价器</source>
        <translation>Rating pad</translation>
    </message>
</context>
<context>
    <name>DeviceState</name>
    <message>
        <location line="-13"/>
        <source>就绪</source>
        <translation>Ready</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未连接</source>
        <translation>Not connected</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>故障</source>
        <translation>Fault</translation>
    </message>
</context>
<context>
    <name>DoneStep</name>
    <message>
        <location filename="../../clerk_app/ui/intake/documents.py" line="+39"/>
        <source>接待下一位（Ctrl+N）</source>
        <translation>Next applicant (Ctrl+N)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>打印文书（一式二份，Ctrl+P）</source>
        <translation>Print documents (in duplicate, Ctrl+P)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>打印受理回执（Ctrl+R）</source>
        <translation>Print acceptance receipt (Ctrl+R)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>承诺办结日期 %1</source>
        <translation>Promised completion date %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>（暂定：该年度节假日安排尚未发布）</source>
        <translation> (provisional: that year&apos;s holiday schedule is not yet published)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>；容缺材料须于 %1 前补交</source>
        <translation>; deferred materials due by %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+6"/>
        <source>（%1）</source>
        <translation> (%1)</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>办件编号 %1
状态：%2%3
%4</source>
        <translation>Case number %1
State: %2%3
%4</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>，承诺办结日期 %1</source>
        <translation>, due %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1&#x3000;%2：%3%4%5</source>
        <translation>%1  %2: %3%4%5</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>联办件 %1 件
%2</source>
        <translation>Joint application: %1 cases
%2</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>正在生成文书……</source>
        <translation>Preparing the documents…</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>已补打文书 %1 份（文号不变：%2）。</source>
        <translation>Reprinted %1 document(s) (same numbers: %2).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已出具文书 %1 份（一式二份），副本已存入办件档案。</source>
        <translation>Issued %1 document(s), in duplicate; a copy is kept in the case file.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>打印已取消：文书已编号并存入办件档案（%1），按 Ctrl+P 可补打，不另取新号。</source>
        <translation>Printing cancelled: the documents are numbered and kept in the case file (%1); Ctrl+P reprints them without a new number.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已打印 %1 份，取消 %2 份；按 Ctrl+P 可补打，文号不变。</source>
        <translation>Printed %1, cancelled %2; Ctrl+P reprints with the same numbers.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>只有受理的办件才打印受理回执。</source>
        <translation>Only accepted cases get an acceptance receipt.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>未配置小票打印机：请打印 A4 受理通知书代替回执。</source>
        <translation>No receipt printer is configured: print the A4 acceptance notice instead.</translation>
    </message>
</context>
<context>
    <name>EmergencyForm</name>
    <message>
        <location filename="../../clerk_app/ui/counter_ledgers.py" line="-111"/>
        <source>登记突发事件</source>
        <translation>Record emergency</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+4"/>
        <source>事件类型</source>
        <translation>Event type</translation>
    </message>
    <message>
        <location line="-3"/>
        <location line="+4"/>
        <source>经过与处置</source>
        <translation>What happened and what was done</translation>
    </message>
    <message>
        <location line="-3"/>
        <location line="+4"/>
        <source>未办结人员</source>
        <translation>People not yet served</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>每行一人：姓名，电话，所办事项（下次优先办理）</source>
        <translation>One person a line: name, phone, matter (served first next time)</translation>
    </message>
    <message numerus="yes">
        <location line="+23"/>
        <source>已登记突发事件；%n 人列入下次优先办理名单。</source>
        <translation>
            <numerusform>Emergency recorded; %n person added to the serve-first list.</numerusform>
            <numerusform>Emergency recorded; %n people added to the serve-first list.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FileDialog</name>
    <message>
        <location filename="../../clerk_app/ui/file_dialogs.py" line="+41"/>
        <source>查找范围：</source>
        <translation>Look in:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文件名：</source>
        <translation>File name:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文件类型：</source>
        <translation>Files of type:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>IdKind</name>
    <message>
        <location filename="../../clerk_app/ui/labels.py" line="-7"/>
        <source>居民身份证号码</source>
        <translation>Resident ID number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>港澳台居民居住证号码</source>
        <translation>HK/Macao/Taiwan residence permit number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>外国人永久居留身份证号码</source>
        <translation>Foreigner&apos;s permanent residence ID number</translation>
    </message>
</context>
<context>
    <name>IntakeDecision</name>
    <message>
        <location line="-110"/>
        <source>受理</source>
        <translation>Accept</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>容缺受理</source>
        <translation>Accept with deferred materials</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>告知承诺受理</source>
        <translation>Accept on commitment</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>一次性告知</source>
        <translation>One-time notice</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不予受理</source>
        <translation>Reject</translation>
    </message>
</context>
<context>
    <name>IntakeWizard</name>
    <message>
        <location filename="../../clerk_app/ui/intake/wizard.py" line="+34"/>
        <source>① 申请人</source>
        <translation>① Applicant</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>② 办理事项</source>
        <translation>② Matter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>③ 材料核验</source>
        <translation>③ Materials</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>④ 受理决定</source>
        <translation>④ Decision</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>⑤ 完成</source>
        <translation>⑤ Done</translation>
    </message>
    <message>
        <location line="+90"/>
        <source>联办件中已有事项作出决定，不能再返回修改；请继续作出其余事项的决定。</source>
        <translation>A matter of this joint application already has its decision: going back is no longer possible; decide the remaining matters.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>【%1】</source>
        <translation>[%1]</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>服务用语：%1</source>
        <translation>Service phrase: %1</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>继续办理 %1。</source>
        <translation>Continuing %1.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>已接件：%1</source>
        <translation>Case received: %1</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>%1 已作决定，请继续下一件。</source>
        <translation>%1 decided; continue with the next case.</translation>
    </message>
</context>
<context>
    <name>LedgersPage</name>
    <message>
        <location filename="../../clerk_app/ui/manager/ledgers_page.py" line="+35"/>
        <source>台账</source>
        <translation>Ledger</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>本月台账：</source>
        <translation>This month&apos;s ledger:</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>LimitUnit</name>
    <message>
        <location filename="../../clerk_app/ui/labels.py" line="+57"/>
        <source>工作日</source>
        <translation>Working days</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>自然日</source>
        <translation>Calendar days</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>即办</source>
        <translation>Immediate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无</source>
        <translation>None</translation>
    </message>
</context>
<context>
    <name>LockOverlay</name>
    <message>
        <location filename="../../clerk_app/ui/lock_screen.py" line="+27"/>
        <location line="+43"/>
        <source>暂停服务</source>
        <translation>Service paused</translation>
    </message>
    <message>
        <location line="-44"/>
        <source>长时间无操作，已自动锁屏</source>
        <translation>Locked after a period of inactivity</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已锁屏</source>
        <translation>Locked</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>%1号窗口</source>
        <translation>Window %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1，请输入密码解锁（Enter）</source>
        <translation>%1, enter your password to unlock (Enter)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../clerk_app/ui/login.py" line="+29"/>
        <source>一窗受理工作台 — 登录</source>
        <translation>Clerk Workbench — Log in</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>一窗受理工作台</source>
        <translation>Clerk Workbench</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 · %2号综合窗口</source>
        <translation>%1 · General window %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>工号或用户名</source>
        <translation>Staff number or user name</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+13"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>登录</source>
        <translation>Log in</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>请输入用户名。</source>
        <translation>Enter a user name.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../clerk_app/ui/main_window.py" line="+50"/>
        <source>一窗受理工作台 — %1</source>
        <translation>Clerk Workbench — %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>受理（F5）</source>
        <translation>Intake (F5)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办件查询（F6）</source>
        <translation>Cases (F6)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>出件（F7）</source>
        <translation>Output (F7)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>其他业务（F8）</source>
        <translation>Other services (F8)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>暂停服务（F12）</source>
        <translation>Pause (F12)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>管理视图</source>
        <translation>Manager</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>%1（%2） · %3号窗口</source>
        <translation>%1 (%2) · Window %3</translation>
    </message>
    <message>
        <location line="+103"/>
        <source>已恢复服务。</source>
        <translation>Service resumed.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>暂停超过 %1 分钟，原因已报带班负责人。</source>
        <translation>Paused for more than %1 minutes; the reason went to the duty leader.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>暂停超过 %1 分钟</source>
        <translation>Paused for more than %1 minutes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>本次暂停已超过 %1 分钟，请填写原因（带班负责人可见）：</source>
        <translation>This pause lasted more than %1 minutes. Please give the reason (the duty leader sees it):</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>中心已发布新版本 %1，请联系信息技术人员安排更新。</source>
        <translation>The center has published version %1: ask IT to schedule the update.</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>催办：%1 件即将到期，%2 件已超期</source>
        <translation>Reminders: %1 due soon, %2 overdue</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>受理回执</source>
        <translation>Acceptance receipt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>受理回执已打印。</source>
        <translation>Acceptance receipt printed.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>打印队列：%1 张待打印</source>
        <translation>Print queue: %1 waiting</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>已记录服务评价。</source>
        <translation>Rating recorded.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>申请人未评价，已记录。</source>
        <translation>The applicant did not rate; recorded as not rated.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>已请申请人在客户屏上填写满意度调查表。</source>
        <translation>The applicant has been asked to fill in the satisfaction survey on the customer screen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请先让申请人完成服务评价（或恢复服务），再请其填写满意度调查表。</source>
        <translation>Let the applicant finish the service rating first (or resume service), then ask for the satisfaction survey.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>已记录一份满意度调查表。</source>
        <translation>One satisfaction survey recorded.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>服务评价（请申请人操作）</source>
        <translation>Service rating (for the applicant)</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>退出工作台</source>
        <translation>Quit the workbench</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>正在受理的办件尚未完成。确定退出工作台吗？已录入的内容已保存，可在办件查询中找到。</source>
        <translation>An intake is still open. Quit the workbench? What has been entered is saved and can be found in Case search.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>继续受理</source>
        <translation>Keep working</translation>
    </message>
</context>
<context>
    <name>ManagerView</name>
    <message>
        <location filename="../../clerk_app/ui/manager/view.py" line="+43"/>
        <source>总览</source>
        <translation>Overview</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>好差评</source>
        <translation>Ratings</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办不成事与投诉</source>
        <translation>Unresolved requests and complaints</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>服务台账</source>
        <translation>Service ledgers</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>人员绩效</source>
        <translation>Staff performance</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>事项与授权</source>
        <translation>Catalogue and authorisations</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>节假日安排</source>
        <translation>Holiday schedule</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>用户</source>
        <translation>Users</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导出本页…</source>
        <translation>Export this page…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导出月度报表…</source>
        <translation>Export monthly report…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>返回柜台</source>
        <translation>Back to counter</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>管理视图 · %1（%2）</source>
        <translation>Manager view · %1 (%2)</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>确认身份</source>
        <translation>Confirm your identity</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>导出数据须再次输入您的密码：</source>
        <translation>Exporting data needs your password again:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>本页尚无数据可导出，请稍候再试。</source>
        <translation>This page has no data to export yet; try again in a moment.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>已导出：%1</source>
        <translation>Exported: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>已导出月度报表：%1</source>
        <translation>Monthly report exported: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>导出本页</source>
        <translation>Export this page</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+9"/>
        <source>Excel 文件 (*.xlsx);;PDF 文件 (*.pdf)</source>
        <translation>Excel files (*.xlsx);;PDF files (*.pdf)</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>导出 %1 月度报表</source>
        <translation>Export the monthly report for %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>月度报表-%1.xlsx</source>
        <translation>monthly-report-%1.xlsx</translation>
    </message>
</context>
<context>
    <name>MaterialForm</name>
    <message>
        <location filename="../../clerk_app/ui/labels.py" line="-9"/>
        <source>原件</source>
        <translation>Original</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>复印件</source>
        <translation>Copy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>电子</source>
        <translation>Electronic</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>原件和复印件</source>
        <translation>Original and copy</translation>
    </message>
</context>
<context>
    <name>MaterialStatus</name>
    <message>
        <location line="-46"/>
        <source>未核验</source>
        <translation>Not checked</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已收</source>
        <translation>Received</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>缺少</source>
        <translation>Missing</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不符合要求</source>
        <translation>Defective</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不适用</source>
        <translation>Not applicable</translation>
    </message>
</context>
<context>
    <name>MaterialsStep</name>
    <message>
        <location filename="../../clerk_app/ui/intake/materials.py" line="+53"/>
        <source>材料名称</source>
        <translation>Material</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>形式/份数</source>
        <translation>Form / copies</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>必要性</source>
        <translation>Necessity</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>核验结果</source>
        <translation>Check result</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>问题及补正要求</source>
        <translation>Problems and corrections required</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>影像</source>
        <translation>Image</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>快捷键：选中一行后按 1 已收、2 缺少、3 不符合要求、4 不适用，P 拍照；Ctrl+Enter 下一步</source>
        <translation>Keys on a selected row: 1 received, 2 missing, 3 defective, 4 not applicable, P photograph; Ctrl+Enter next</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>全部必要材料已收</source>
        <translation>All required materials received</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>填写申请表（F3）</source>
        <translation>Application form (F3)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>下一步：受理决定</source>
        <translation>Next: decision</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>（%1 个事项共用，拍一次即可）</source>
        <translation> (shared by %1 matters: capture once)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>（%1）</source>
        <translation> (%1)</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+71"/>
        <source>已拍照 ✔</source>
        <translation>Photographed ✔</translation>
    </message>
    <message>
        <location line="-71"/>
        <source>拍照</source>
        <translation>Photograph</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>导入文件</source>
        <translation>Import file</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>本事项没有录入式申请表，请使用纸质申请表。</source>
        <translation>This matter has no on-screen application form: use the paper form.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>申请表已保存，正在生成打印件。</source>
        <translation>Application form saved; preparing the printout.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>导入材料影像</source>
        <translation>Import material image</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>图片或 PDF (*.jpg *.jpeg *.png *.pdf)</source>
        <translation>Images or PDF (*.jpg *.jpeg *.png *.pdf)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>材料影像已保存。</source>
        <translation>Material image saved.</translation>
    </message>
</context>
<context>
    <name>MatterStep</name>
    <message>
        <location filename="../../clerk_app/ui/intake/matter.py" line="+41"/>
        <source>输入事项名称、关键词或拼音首字母（如 gtgsh），↓ 选择，Enter 确认</source>
        <translation>Type a matter name, keyword or pinyin initials (e.g. gtgsh), ↓ to choose, Enter to confirm</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>加入联办（Ctrl+J）</source>
        <translation>Add to joint application (Ctrl+J)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>清空联办事项</source>
        <translation>Clear joint matters</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>%1&#x3000;（%2，承诺时限 %3）</source>
        <translation>%1  (%2, promised within %3)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>可告知承诺</source>
        <translation>Commitment-based approval possible</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>可容缺受理</source>
        <translation>Deferred materials allowed</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>特别程序：%1</source>
        <translation>Special procedures: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>受理条件：%1&#x3000;收费：%2&#x3000;%3</source>
        <translation>Conditions: %1  Fee: %2  %3</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>联办事项（%1 项）：%2。再选一项按 Ctrl+J 加入，Enter 一并接件。</source>
        <translation>Joint application (%1 matters): %2. Pick another and press Ctrl+J to add it; Enter receives them all.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>同一申请人办多个事项（联办件）：选中事项后按 Ctrl+J 加入联办。</source>
        <translation>Several matters for the same applicant (joint application): highlight a matter and press Ctrl+J to add it.</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+21"/>
        <source>没有匹配的事项：请换个关键词，或确认该事项已授权综合窗口受理。</source>
        <translation>No matching matter: try another keyword, or check that the matter is delegated to the general window.</translation>
    </message>
</context>
<context>
    <name>MessageLine</name>
    <message>
        <location filename="../../clerk_app/ui/message_line.py" line="+28"/>
        <source>知道了</source>
        <translation>Dismiss</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1&#x3000;%2</source>
        <translation>%1  %2</translation>
    </message>
</context>
<context>
    <name>Necessity</name>
    <message>
        <location filename="../../clerk_app/ui/labels.py" line="+33"/>
        <source>必要</source>
        <translation>Required</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>非必要</source>
        <translation>Optional</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>容缺后补</source>
        <translation>Deferrable</translation>
    </message>
</context>
<context>
    <name>OpenIntakeDialog</name>
    <message>
        <location filename="../../clerk_app/ui/intake/dialogs.py" line="+75"/>
        <source>当前接件尚未作出决定</source>
        <translation>The current intake has no decision yet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 尚未作出受理决定。叫下一位之前，请选择如何处理：</source>
        <translation>%1 has no decision yet. Before calling the next person, choose what to do with it:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>暂存，稍后继续（Enter）</source>
        <translation>Set aside, continue later (Enter)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>撤回……</source>
        <translation>Withdraw…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>留在本件（Esc）</source>
        <translation>Stay with this intake (Esc)</translation>
    </message>
</context>
<context>
    <name>OutputDesk</name>
    <message>
        <location filename="../../clerk_app/ui/output_desk.py" line="+41"/>
        <source>输入或扫描办件编号，Enter 查询</source>
        <translation>Type or scan the case number, Enter to look it up</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>刷领取人身份证（F2）或输入证件号码</source>
        <translation>Swipe the recipient&apos;s ID card (F2) or type the ID number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>读取领取人身份证（F2）</source>
        <translation>Read recipient&apos;s ID card (F2)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>无法送达的原因</source>
        <translation>Why it cannot be delivered</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>确认出件</source>
        <translation>Hand over result</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无法送达，退回部门</source>
        <translation>Undeliverable, return to department</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>办件编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>送达方式</source>
        <translation>Delivery</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>领取人证件</source>
        <translation>Recipient&apos;s ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>邮寄地址</source>
        <translation>Postal address</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>邮件单号（EMS）</source>
        <translation>Tracking number (EMS)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无法送达原因</source>
        <translation>Reason undeliverable</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>请输入或扫描办件编号。</source>
        <translation>Type or scan the case number.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>申请人：%1&#x3000;&#x3000;授权代办人：%2</source>
        <translation>Applicant: %1    Authorised agent: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>申请人：%1（无代办人）</source>
        <translation>Applicant: %1 (no agent)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1&#x3000;状态：%2</source>
        <translation>%1  State: %2</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>（尚不能出件）</source>
        <translation> (cannot be handed over yet)</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>请刷领取人身份证（F2），或输入其证件号码。</source>
        <translation>Swipe the collector&apos;s ID card (F2), or type its number.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>请写明无法送达的原因。</source>
        <translation>Write down why it cannot be delivered.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>已出件：%1（%2）</source>
        <translation>Handed over: %1 (%2)</translation>
    </message>
</context>
<context>
    <name>PerformancePage</name>
    <message>
        <location filename="../../clerk_app/ui/manager/ledgers_page.py" line="+32"/>
        <source>计算公式：</source>
        <translation>Formula:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1年第%2季度排名（%3 至 %4）</source>
        <translation>Ranking for Q%2 %1 (%3 to %4)</translation>
    </message>
</context>
<context>
    <name>PrintQueueDialog</name>
    <message>
        <location filename="../../clerk_app/ui/print_queue.py" line="+40"/>
        <source>打印队列</source>
        <translation>Print queue</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>以下票据未能打印，已加密保存。排除故障（缺纸、未连接）后重新打印，或作废不再打印。</source>
        <translation>These receipts could not be printed and are kept encrypted. Fix the fault (paper, connection), then print them again, or discard them.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>票据</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>提交时间</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>尝试次数</source>
        <translation>Attempts</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>最近一次错误</source>
        <translation>Last error</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>重新打印所选（Enter）</source>
        <translation>Print selected again (Enter)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>全部重新打印</source>
        <translation>Print all again</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>作废所选（Delete）</source>
        <translation>Discard selected (Delete)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>关闭（Esc）</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>打印队列为空：所有票据均已打印或作废。</source>
        <translation>The print queue is empty: every receipt was printed or discarded.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>已打印 %1 张；仍未能打印：%2</source>
        <translation>Printed %1; still not printable: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已打印 %1 张。</source>
        <translation>Printed %1.</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+4"/>
        <source>正在打印……</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>已作废 1 张票据。</source>
        <translation>1 receipt discarded.</translation>
    </message>
</context>
<context>
    <name>QueueBar</name>
    <message>
        <location filename="../../clerk_app/ui/queue_bar.py" line="+31"/>
        <location line="+81"/>
        <source>当前：—</source>
        <translation>Current: —</translation>
    </message>
    <message>
        <location line="-76"/>
        <source>叫号（F9）</source>
        <translation>Call next (F9)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>重呼（F10）</source>
        <translation>Recall (F10)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>过号</source>
        <translation>Skip</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办结本号</source>
        <translation>Finish</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+127"/>
        <source>转窗口</source>
        <translation>Transfer</translation>
    </message>
    <message>
        <location line="-126"/>
        <source>优先服务</source>
        <translation>Priority</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>%1 号已过号。</source>
        <translation>Ticket %1 skipped.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 号已办结。</source>
        <translation>Ticket %1 finished.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>预约 %1</source>
        <translation>Appointments: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>今日预约</source>
        <translation>Today&apos;s appointments</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>未配置本中心的其他窗口（设置项 center_windows）：请联系信息技术人员。</source>
        <translation>The center&apos;s other windows are not configured (setting center_windows): contact IT.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1号窗口</source>
        <translation>Window %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>转至：</source>
        <translation>Transfer to:</translation>
    </message>
    <message>
        <location line="-133"/>
        <location line="+80"/>
        <source>当前：%1（%2）</source>
        <translation>Current: %1 (%2)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>当前：%1</source>
        <translation>Current: %1</translation>
    </message>
    <message>
        <location line="-53"/>
        <location line="+61"/>
        <source>等候 %1 人，预计约 %2 分钟</source>
        <translation>%1 waiting, ~%2 min</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>（超过下班时间：请安排延时服务或征得同意后邮寄办理）</source>
        <translation> (past closing time: arrange extended service or, with consent, handle by post)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>没有等候的号。</source>
        <translation>Nobody is waiting.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>请 %1 号到 %2 号窗口办理</source>
        <translation>Ticket %1, please come to window %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 号已重呼。</source>
        <translation>Ticket %1 called again.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>%1 号已转窗口。</source>
        <translation>Ticket %1 transferred.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>已登记优先服务 %1（%2），下一个叫号即为此号。</source>
        <translation>Priority ticket %1 issued (%2); it is called next.</translation>
    </message>
</context>
<context>
    <name>RatingsPage</name>
    <message>
        <location filename="../../clerk_app/ui/manager/ratings_page.py" line="+33"/>
        <source>核实结论</source>
        <translation>Verification result</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>回访、整改或反馈情况</source>
        <translation>Follow-up call, rectification or feedback</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>情况说明</source>
        <translation>Remarks</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>核实结论：</source>
        <translation>Verification result:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>登记回访核实</source>
        <translation>Record follow-up call</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>登记整改</source>
        <translation>Record rectification</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>登记反馈</source>
        <translation>Record feedback</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>办结</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>实名差评 %1 条，已回访整改办结 %2 条，回访整改率 %3（要求 100%）；超期未办结 %4 条。</source>
        <translation>%1 bad ratings with a name, %2 followed up and closed, follow-up rate %3 (100% required); %4 overdue and open.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>请先选中一条差评回访记录。</source>
        <translation>Select a bad-rating follow-up first.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>已登记回访核实。</source>
        <translation>Follow-up call recorded.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>已登记整改。</source>
        <translation>Rectification recorded.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已登记反馈。</source>
        <translation>Feedback recorded.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>差评回访已办结。</source>
        <translation>Bad-rating follow-up closed.</translation>
    </message>
</context>
<context>
    <name>ReportText</name>
    <message>
        <location filename="../../clerk_app/ui/report_labels.py" line="+26"/>
        <source>指标</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>数值</source>
        <translation>Value</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>收件量</source>
        <translation>Cases received</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>受理</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>一次性告知</source>
        <translation>One-time notice</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>不予受理</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>平均受理用时（接件→受理，分钟）</source>
        <translation>Average time to accept (received → accepted, minutes)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>平均办理时长（受理→办结，天）</source>
        <translation>Average handling time (accepted → decided, days)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>等候分钟（取号→叫号）平均/中位/P90</source>
        <translation>Waiting minutes (ticket → call) mean/median/P90</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办理分钟（叫号→办结）平均/中位/P90</source>
        <translation>Service minutes (call → done) mean/median/P90</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>参评率</source>
        <translation>Rating participation</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>实名差评回访整改率</source>
        <translation>Bad real-name ratings followed up</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>投诉建议（件）</source>
        <translation>Complaints and suggestions</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>超期未办结的投诉建议（件）</source>
        <translation>Complaints overdue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>延时服务（分钟）</source>
        <translation>Extended service (minutes)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已超期办件</source>
        <translation>Cases overdue</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>即将到期办件</source>
        <translation>Cases due soon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>今日</source>
        <translation>Today</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>本周</source>
        <translation>This week</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>本月</source>
        <translation>This month</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>本季度</source>
        <translation>This quarter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>非常满意</source>
        <translation>Very satisfied</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>满意</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>基本满意</source>
        <translation>Fairly satisfied</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>不满意</source>
        <translation>Dissatisfied</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>非常不满意</source>
        <translation>Very dissatisfied</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>未评价</source>
        <translation>Not rated</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>等级</source>
        <translation>Level</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>件数</source>
        <translation>Count</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>占已评价</source>
        <translation>Share of rated</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>本机文件</source>
        <translation>local file</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>中心下发</source>
        <translation>from the center</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>未当日转办的办不成事（件）</source>
        <translation>Unsolved issues not transferred the same day</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>投诉首次回访核实超时（件）</source>
        <translation>Complaints with a late first call-back</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>容缺承诺逾期未履行（失信，件）</source>
        <translation>Deferred-material commitments broken (dishonest)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>暂停服务</source>
        <translation>Service pauses</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>延时服务</source>
        <translation>Extended service</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>延时服务汇总与调休余额</source>
        <translation>Extended service and time-off balance</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>咨询登记</source>
        <translation>Enquiries</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>帮办代办</source>
        <translation>Assisted and proxy service</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>应急登记</source>
        <translation>Emergencies</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办不成事与投诉建议台账</source>
        <translation>Unsolved issues and complaints</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>差评回访整改台账</source>
        <translation>Bad-rating follow-ups</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>窗口人员</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>窗口</source>
        <translation>Window</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>开始</source>
        <translation>Start</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>结束</source>
        <translation>End</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>分钟</source>
        <translation>Minutes</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>本期延时（分钟）</source>
        <translation>Extended this period (min)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>调休余额（分钟）</source>
        <translation>Time-off balance (min)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>方式</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>问题</source>
        <translation>Question</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>答复</source>
        <translation>Answer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>首问人员</source>
        <translation>First contact</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>需回电</source>
        <translation>Call back</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>回电期限</source>
        <translation>Call back by</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>已回电</source>
        <translation>Called back</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>服务对象</source>
        <translation>Served group</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>事项</source>
        <translation>Matter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办件编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>经过与处置</source>
        <translation>What happened and what was done</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未办结人员</source>
        <translation>People not yet served</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>已优先办理</source>
        <translation>Served first</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>受理时间</source>
        <translation>Received</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>处理方式</source>
        <translation>Handling</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>当前环节</source>
        <translation>Current step</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>反映人</source>
        <translation>Raised by</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>承办人</source>
        <translation>Handled by</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>承办部门/人</source>
        <translation>Department / person</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>转办日期</source>
        <translation>Transferred on</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>转办时效</source>
        <translation>Transfer timeliness</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>首次回访期限</source>
        <translation>First call-back due</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>首次回访</source>
        <translation>First call-back</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>办结期限</source>
        <translation>Due</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办结日期</source>
        <translation>Closed on</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>时效</source>
        <translation>Timeliness</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>评价时间</source>
        <translation>Rated at</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>被评人员</source>
        <translation>Rated clerk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>负责人</source>
        <translation>Owner</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>回访期限</source>
        <translation>Call-back due</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>整改期限</source>
        <translation>Rectify by</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>核实结论</source>
        <translation>Verification</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>整改情况</source>
        <translation>Rectification</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>评价人意见</source>
        <translation>Rater&apos;s view</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>超期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>排名</source>
        <translation>Rank</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>办件量</source>
        <translation>Cases</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>加权办件量</source>
        <translation>Weighted cases</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>平均办理天数</source>
        <translation>Avg. days to close</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>评价数</source>
        <translation>Ratings</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>好评率</source>
        <translation>Good-rating share</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>差评数</source>
        <translation>Bad ratings</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>逾期件数</source>
        <translation>Overdue cases</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按时办结率</source>
        <translation>Closed on time</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>得分</source>
        <translation>Score</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按事项</source>
        <translation>By matter</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>按部门</source>
        <translation>By department</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按窗口人员</source>
        <translation>By clerk</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>按渠道</source>
        <translation>By channel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>评价分布</source>
        <translation>Rating distribution</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>服务人次</source>
        <translation>Served</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>平均等候</source>
        <translation>Avg. wait</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>中位等候</source>
        <translation>Median wait</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>P90 等候</source>
        <translation>P90 wait</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>平均办理</source>
        <translation>Avg. service</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>中位办理</source>
        <translation>Median service</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>P90 办理</source>
        <translation>P90 service</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未办件（咨询等）</source>
        <translation>No case (enquiries etc.)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>进行中</source>
        <translation>Ongoing</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>超时未回访</source>
        <translation>Call-back overdue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>待回访</source>
        <translation>Call-back pending</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>（保密）</source>
        <translation>(confidential)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已办结</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>待整改</source>
        <translation>To rectify</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>待反馈</source>
        <translation>Awaiting feedback</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>待办结</source>
        <translation>To close</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>投诉</source>
        <translation>Complaint</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>建议</source>
        <translation>Suggestion</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>咨询</source>
        <translation>Enquiry</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>表扬</source>
        <translation>Praise</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>当场解决</source>
        <translation>Solved on the spot</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>转本级主管部门（当日转办）</source>
        <translation>To the competent department (same day)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>非本级事权（告知办理途径）</source>
        <translation>Not ours (told where to go)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>发现问题</source>
        <translation>Found</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>分析原因</source>
        <translation>Analysed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>派发工单</source>
        <translation>Dispatched</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>限期解决</source>
        <translation>Being solved</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>结果核查</source>
        <translation>Verified</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>监督检查</source>
        <translation>Supervised</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办理中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>已超期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按时办结</source>
        <translation>Closed on time</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>超期办结</source>
        <translation>Closed late</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>当日转办</source>
        <translation>Same day</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>待转办</source>
        <translation>To transfer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未当日转办</source>
        <translation>Not same day</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>网上</source>
        <translation>Online</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>邮寄</source>
        <translation>Mail</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>移动端</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>自助终端</source>
        <translation>Self-service kiosk</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>超 {minutes} 分钟的暂停服务（次）</source>
        <translation>Pauses over {minutes} minutes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>正在暂停且已超 {minutes} 分钟（个窗口）</source>
        <translation>Windows paused for over {minutes} minutes now</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>超{minutes}分钟</source>
        <translation>Over {minutes} min</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>复杂问题（{days}个工作日内办结）</source>
        <translation>Complex (closed within {days} working days)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>得分 = {volume} × 加权办件量 ÷ 本季最高加权办件量 + {good} × 好评率 + {on_time} × 按时办结率 − {bad_penalty} × 差评数（最低 0 分）。
加权办件量 = Σ 事项复杂度权重：即办件 {immediate_weight}；承诺时限 ≤{short_days} 个工作日 {short_weight}；{medium_from}–{medium_days} 个工作日 {medium_weight}；{medium_days} 个工作日以上 {long_weight}。
好评率 = （非常满意＋满意＋基本满意）÷ 已评价数，无评价记 0；按时办结率 = 1 − 逾期件数 ÷ 有办结期限的件数，无期限件记 1。
差评回访核实为误评或恶意的评价不计入。</source>
        <translation>Score = {volume} × weighted cases ÷ the quarter&apos;s highest weighted cases + {good} × good-rating share + {on_time} × closed-on-time share − {bad_penalty} × bad ratings (at least 0).
Weighted cases = Σ matter complexity weight: immediate case {immediate_weight}; promised within ≤{short_days} working days {short_weight}; {medium_from}–{medium_days} working days {medium_weight}; over {medium_days} working days {long_weight}.
Good-rating share = (very satisfied + satisfied + fairly satisfied) ÷ ratings given, 0 without ratings; closed on time = 1 − overdue cases ÷ cases with a due date, 1 without any.
Ratings a follow-up found mistaken or malicious do not count.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1（占比）</source>
        <translation>%1 (share)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1个工作日</source>
        <translation>%1 working days</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1个自然日</source>
        <translation>%1 calendar days</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1（超时）</source>
        <translation>%1 (late)</translation>
    </message>
</context>
<context>
    <name>Role</name>
    <message>
        <location filename="../../clerk_app/ui/labels.py" line="+50"/>
        <source>综合窗口人员</source>
        <translation>Window clerk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>带班负责人</source>
        <translation>Shift supervisor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>系统管理员</source>
        <translation>System administrator</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>信息技术人员</source>
        <translation>IT staff</translation>
    </message>
</context>
<context>
    <name>ShiftCheckDialog</name>
    <message>
        <location filename="../../clerk_app/ui/device_panel.py" line="+21"/>
        <source>班前设备自检</source>
        <translation>Start-of-shift device check</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>正在检查设备……</source>
        <translation>Checking devices…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>全部设备就绪。</source>
        <translation>All devices ready.</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>有 %n 台设备需要处理：</source>
        <translation>
            <numerusform>%n device needs attention:</numerusform>
            <numerusform>%n devices need attention:</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 %2：%3</source>
        <translation>%1 %2: %3</translation>
    </message>
</context>
<context>
    <name>SurveyPanel</name>
    <message>
        <location filename="../../clerk_app/ui/survey_screen.py" line="+21"/>
        <source>您最近办理政务业务是什么时候？</source>
        <translation>When did you last deal with a government service?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>今天</source>
        <translation>Today</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>一周内</source>
        <translation>Within a week</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>一个月内</source>
        <translation>Within a month</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>三个月内</source>
        <translation>Within 3 months</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>更早</source>
        <translation>Earlier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>您办理的政务业务涉及哪个部门？</source>
        <translation>Which department did your business involve?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>税务分局</source>
        <translation>Taxation</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>公安</source>
        <translation>Police</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>市场监管</source>
        <translation>Market regulation</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>公共服务办</source>
        <translation>Public services</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>住建</source>
        <translation>Housing, building</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>卫健分局</source>
        <translation>Health</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>农业</source>
        <translation>Agriculture</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>交通</source>
        <translation>Transport</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>人社分局</source>
        <translation>HR, social security</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>服务环境（大厅环境、设施设备）</source>
        <translation>Service environment (hall, facilities)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>服务态度</source>
        <translation>Service attitude</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办事效率（等候和办理时间）</source>
        <translation>Efficiency (waiting and handling time)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办事指引（办事指南、一次性告知清楚）</source>
        <translation>Guidance (clear guides and one-time notices)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>工作纪律</source>
        <translation>Work discipline</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办事便利（网上办、预约办、就近办）</source>
        <translation>Convenience (online, by appointment, nearby)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>总体满意度</source>
        <translation>Overall satisfaction</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>满意</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>比较满意</source>
        <translation>Fairly satisfied</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不太满意</source>
        <translation>Not very satisfied</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>很不满意</source>
        <translation>Very dissatisfied</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>下一题</source>
        <translation>Next question</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>跳过此题</source>
        <translation>Skip this question</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>满意度调查&#x3000;第 %1 / %2 题</source>
        <translation>Satisfaction survey   question %1 of %2</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>（可多选）</source>
        <translation> (choose any)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>您对“%1”是否满意？</source>
        <translation>Are you satisfied with “%1”?</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>（%1/%2）%3</source>
        <translation>(%1/%2) %3</translation>
    </message>
</context>
<context>
    <name>SurveyPaperForm</name>
    <message>
        <location filename="../../clerk_app/ui/counter_ledgers.py" line="+9"/>
        <source>录入调查表</source>
        <translation>Enter survey form</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>请申请人在客户屏上填写</source>
        <translation>Ask the applicant to fill it in on the customer screen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>客户屏</source>
        <translation>Customer screen</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+17"/>
        <source>未填</source>
        <translation>Not answered</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+1"/>
        <source>意见和建议</source>
        <translation>Comments and suggestions</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>已录入一份满意度调查表。</source>
        <translation>One paper satisfaction survey entered.</translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message>
        <location filename="../../clerk_app/ui/sync_panel.py" line="+27"/>
        <source>同步：未连接中心（数据仅存本机）</source>
        <translation>Sync: not connected to a center (data kept on this PC only)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>同步：待上传 %1 条</source>
        <translation>Sync: %1 waiting to upload</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>最近 %1</source>
        <translation>last %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>冲突 %1 件待带班处理</source>
        <translation>%1 conflict(s) for the supervisor</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 条待核查</source>
        <translation>%1 to be checked</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>已停止：本机被中心停用</source>
        <translation>stopped: this PC was disabled by the center</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>⚠ 有数据超过 24 小时未上传</source>
        <translation>⚠ Data has waited over 24 hours to upload</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>本机数据先保存在本地，联网时自动上传中心；断网期间不会丢失。</source>
        <translation>Everything is saved on this PC first and uploaded to the center when the network is back; nothing is lost while offline.</translation>
    </message>
</context>
<context>
    <name>SyncItem</name>
    <message>
        <location filename="../../clerk_app/ui/labels.py" line="+25"/>
        <source>事项目录</source>
        <translation>matter catalogue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>授权事项清单</source>
        <translation>list of authorised matters</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>节假日安排</source>
        <translation>holiday schedule</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>预约</source>
        <translation>appointments</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>满意度调查表</source>
        <translation>satisfaction survey form</translation>
    </message>
</context>
<context>
    <name>TaskRunner</name>
    <message>
        <location filename="../../clerk_app/ui/tasks.py" line="+43"/>
        <source>操作未完成：程序内部出错，已记录日志。请重试；如仍出错请联系信息技术人员。</source>
        <translation>Not done: an internal error occurred and was logged. Please try again; if it happens again, contact IT support.</translation>
    </message>
</context>
<context>
    <name>TicketState</name>
    <message>
        <location filename="../../clerk_app/ui/labels.py" line="-47"/>
        <source>等候中</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已叫号</source>
        <translation>Called</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已办结</source>
        <translation>Done</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已过号</source>
        <translation>Skipped</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已转窗口</source>
        <translation>Transferred</translation>
    </message>
</context>
<context>
    <name>UncollectedPanel</name>
    <message>
        <location filename="../../clerk_app/ui/uncollected_panel.py" line="+34"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印领取通知</source>
        <translation>Print pickup notice</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>生成提醒短信</source>
        <translation>Make reminder SMS</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>领取提醒短信</source>
        <translation>Pickup reminder SMS</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>结果待领取超过 %1 个工作日：%2 件</source>
        <translation>Results waiting for pickup over %1 working days: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>办件编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>事项</source>
        <translation>Matter</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>待领取自</source>
        <translation>Ready since</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>应提醒日期</source>
        <translation>Remind after</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>超期未领取</source>
        <translation>Not collected</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>请先选中一件待领取的办件。</source>
        <translation>Select a result waiting for pickup first.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>已出具领取通知，副本已存入办件档案。</source>
        <translation>Pickup notice issued; a copy is in the case file.</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <location filename="../../clerk_app/ui/manager/users_page.py" line="+35"/>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+5"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>用户名（工号）</source>
        <translation>User name (staff number)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>初始密码（至少 8 位）</source>
        <translation>Initial password (8+ characters)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>新建用户</source>
        <translation>New user</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>停用/启用所选</source>
        <translation>Disable / enable selected</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>改为所选角色</source>
        <translation>Change to the chosen role</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>重置所选用户密码</source>
        <translation>Reset the selected user&apos;s password</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>已停用</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>已锁定</source>
        <translation>Locked</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>正常</source>
        <translation>Active</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>请先在列表中选择一位用户。</source>
        <translation>Select a user in the list first.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>已新建用户 %1。</source>
        <translation>User %1 created.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>已启用 %1。</source>
        <translation>%1 enabled.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已停用 %1：该账号在本机立即不能登录。</source>
        <translation>%1 disabled: the account can no longer log in on this PC.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 的角色已改为 %2。</source>
        <translation>%1&apos;s role changed to %2.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 的密码已重置。</source>
        <translation>%1&apos;s password was reset.</translation>
    </message>
</context>
<context>
    <name>Verification</name>
    <message>
        <location filename="../../clerk_app/ui/labels.py" line="-19"/>
        <source>属实</source>
        <translation>Founded</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不属实</source>
        <translation>Unfounded</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>误评</source>
        <translation>Mistaken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>恶意</source>
        <translation>Malicious</translation>
    </message>
</context>
<context>
    <name>WayOutBar</name>
    <message>
        <location filename="../../clerk_app/ui/intake/way_out.py" line="+31"/>
        <source>← 上一步（Esc / Alt+←）</source>
        <translation>← Back (Esc / Alt+←)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>暂存，稍后继续（Ctrl+S）</source>
        <translation>Set aside, continue later (Ctrl+S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>撤回本次接件……</source>
        <translation>Withdraw this intake…</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>已暂存 %1：在“① 申请人”页的未完成接件中可继续办理。</source>
        <translation>%1 set aside: continue it from the unfinished intakes on the “① Applicant” step.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>已撤回 %1。</source>
        <translation>%1 withdrawn.</translation>
    </message>
</context>
<context>
    <name>WithdrawDialog</name>
    <message>
        <location filename="../../clerk_app/ui/intake/dialogs.py" line="-56"/>
        <source>撤回接件</source>
        <translation>Withdraw intake</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>撤回 %1。撤回后办件状态为“已撤回”，不能恢复。</source>
        <translation>Withdraw %1. A withdrawn case cannot be restored.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>撤回原因，如：申请人主动撤回；事项选错，重新接件</source>
        <translation>Reason, e.g. the applicant withdraws; wrong matter, received again</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>撤回（Enter）</source>
        <translation>Withdraw (Enter)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消（Esc）</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>请写明撤回原因。</source>
        <translation>Enter the reason for withdrawing.</translation>
    </message>
</context>
</TS>
