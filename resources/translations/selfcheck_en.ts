<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AboutDialog</name>
    <message>
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <source>防治“指尖上的形式主义”年度自查工具。离线运行,不联网,不收集任何数据。</source>
        <translation>Annual self-inspection tool against &quot;formalism at the fingertips&quot;. It runs offline, never connects to the network and collects no data.</translation>
    </message>
    <message>
        <source>自查清单:%1(%2 版本 %3)</source>
        <translation>Checklist: %1 (%2, version %3)</translation>
    </message>
    <message>
        <source>数据文件夹:%1</source>
        <translation>Data folder: %1</translation>
    </message>
    <message>
        <source>当前数据库:%1</source>
        <translation>Current database: %1</translation>
    </message>
    <message>
        <source>许可</source>
        <translation>Licences</translation>
    </message>
    <message>
        <source>本程序使用 Qt for Python(PySide6,LGPLv3)、reportlab(BSD)、openpyxl(MIT)、python-calamine(MIT)、pyHanko(MIT)、cryptography(Apache-2.0/BSD)。</source>
        <translation>This program uses Qt for Python (PySide6, LGPLv3), reportlab (BSD), openpyxl (MIT), python-calamine (MIT), pyHanko (MIT) and cryptography (Apache-2.0/BSD).</translation>
    </message>
</context>
<context>
    <name>AppController</name>
    <message>
        <source>文件夹 %1 是只读的(例如写保护的U盘),无法在其中新建数据库。请换一个可写的位置,或打开已有的数据库查看。</source>
        <translation>The folder %1 is read-only (e.g. a write-protected USB stick), so no database can be created in it. Choose a writable location, or open an existing database to view it.</translation>
    </message>
    <message>
        <source>%1 年度自查(%2):已答 %3/%4 项,%5</source>
        <translation>%1 self-inspection (%2): %3/%4 answered, %5</translation>
    </message>
    <message>
        <source>单位信息未填</source>
        <translation>unit details missing</translation>
    </message>
    <message>
        <source>无法开始</source>
        <translation>Cannot start</translation>
    </message>
    <message>
        <source>只读模式:数据所在的文件夹不可写(如写保护的U盘),只能查看,不能修改或导出。</source>
        <translation>Read-only: the data folder is not writable (e.g. a write-protected USB stick); you can view but not change or export.</translation>
    </message>
    <message>
        <source>打开数据库</source>
        <translation>Open database</translation>
    </message>
    <message>
        <source>自查数据库 (*.db);;所有文件 (*)</source>
        <translation>Self-inspection databases (*.db);;All files (*)</translation>
    </message>
    <message>
        <source>从备份恢复</source>
        <translation>Restore from backup</translation>
    </message>
    <message>
        <source>选择要恢复的备份(当前数据会先另存一份备份):</source>
        <translation>Choose the backup to restore (the current data is backed up first):</translation>
    </message>
    <message>
        <source>恢复失败</source>
        <translation>Restore failed</translation>
    </message>
    <message>
        <source>程序内部错误</source>
        <translation>Internal error</translation>
    </message>
</context>
<context>
    <name>BulkDialog</name>
    <message>
        <source>批量作答</source>
        <translation>Bulk answer</translation>
    </message>
    <message>
        <source>检查项</source>
        <translation>Check item</translation>
    </message>
    <message>
        <source>结论</source>
        <translation>Verdict</translation>
    </message>
    <message>
        <source>对象(按台账条件选择)</source>
        <translation>Objects (chosen by ledger facts)</translation>
    </message>
    <message>
        <source>按下列条件选择全部对象</source>
        <translation>All objects matching the conditions below</translation>
    </message>
    <message>
        <source>仅左侧所选的 %1 个对象</source>
        <translation>Only the %1 object(s) selected on the left</translation>
    </message>
    <message>
        <source>范围</source>
        <translation>Scope</translation>
    </message>
    <message>
        <source>全部类型</source>
        <translation>All types</translation>
    </message>
    <message>
        <source>全部平台</source>
        <translation>All platforms</translation>
    </message>
    <message>
        <source>全部单位</source>
        <translation>All units</translation>
    </message>
    <message>
        <source>不限</source>
        <translation>Any</translation>
    </message>
    <message>
        <source>仅临时群组</source>
        <translation>Temporary groups only</translation>
    </message>
    <message>
        <source>仅常设群组</source>
        <translation>Standing groups only</translation>
    </message>
    <message>
        <source>有未答项</source>
        <translation>Has unanswered items</translation>
    </message>
    <message>
        <source>已有作答</source>
        <translation>Has answers</translation>
    </message>
    <message>
        <source>有“%1”结论</source>
        <translation>Has a “%1” answer</translation>
    </message>
    <message>
        <source>有系统建议</source>
        <translation>Has suggestions</translation>
    </message>
    <message>
        <source>无系统建议</source>
        <translation>No suggestions</translation>
    </message>
    <message>
        <source>建议:%1</source>
        <translation>Suggestion: %1</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>平台</source>
        <translation>Platform</translation>
    </message>
    <message>
        <source>主办/建群单位</source>
        <translation>Sponsor / creating unit</translation>
    </message>
    <message>
        <source>常设/临时</source>
        <translation>Standing / temporary</translation>
    </message>
    <message>
        <source>作答情况</source>
        <translation>Answers</translation>
    </message>
    <message>
        <source>系统建议</source>
        <translation>Suggestions</translation>
    </message>
    <message>
        <source>全部条款</source>
        <translation>All articles</translation>
    </message>
    <message>
        <source>条款</source>
        <translation>Article</translation>
    </message>
    <message>
        <source>检查项(不选即全部)</source>
        <translation>Check items (none selected = all)</translation>
    </message>
    <message>
        <source>只答尚未作答的(已作答的保持不变)</source>
        <translation>Only unanswered items (answers given stay as they are)</translation>
    </message>
    <message>
        <source>基本符合/不符合时:一个问题涵盖所选全部对象,可稍后修改</source>
        <translation>For largely/non-compliant: one problem covers all selected objects; editable later</translation>
    </message>
    <message>
        <source>不适用时必填:一句话说明理由</source>
        <translation>Required for not applicable: one-line reason</translation>
    </message>
    <message>
        <source>问题描述</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>不适用理由</source>
        <translation>Reason not applicable</translation>
    </message>
    <message>
        <source>将对 %1 个对象写入 %2 个“%3”结论。</source>
        <translation>Writes %2 “%3” answer(s) for %1 object(s).</translation>
    </message>
</context>
<context>
    <name>CheckPage</name>
    <message>
        <source>全部检查项</source>
        <translation>All check items</translation>
    </message>
    <message>
        <source>未答</source>
        <translation>Unanswered</translation>
    </message>
    <message>
        <source>有问题(基本符合/不符合)</source>
        <translation>With problems (largely/non-compliant)</translation>
    </message>
    <message>
        <source>有系统建议</source>
        <translation>With suggestions</translation>
    </message>
    <message>
        <source>全部类型</source>
        <translation>All types</translation>
    </message>
    <message>
        <source>全部条款</source>
        <translation>All articles</translation>
    </message>
    <message>
        <source>本页检查项已全部作答</source>
        <translation>All check items on this page are answered</translation>
    </message>
    <message>
        <source>批量作答</source>
        <translation>Bulk answer</translation>
    </message>
    <message>
        <source>显示</source>
        <translation>Show</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>条款</source>
        <translation>Article</translation>
    </message>
    <message>
        <source>按名称查找…</source>
        <translation>Find by name…</translation>
    </message>
    <message>
        <source>批量作答…</source>
        <translation>Bulk answer…</translation>
    </message>
    <message>
        <source>对所选的多个对象,就同一检查项给出同一结论</source>
        <translation>Give the same verdict on one check item for all selected entries</translation>
    </message>
    <message>
        <source>其余全部符合…</source>
        <translation>All the rest compliant…</translation>
    </message>
    <message>
        <source>把所有尚未作答、也没有系统建议的检查项答为“符合”(先确认数量)</source>
        <translation>Answer every unanswered item without a pending suggestion as “compliant” (after confirming the count)</translation>
    </message>
    <message>
        <source>系统建议…</source>
        <translation>Suggestions…</translation>
    </message>
    <message>
        <source>已对 %1 个对象写入 %2 个结论(Ctrl+Z 可整体撤销)</source>
        <translation>%2 answer(s) written for %1 object(s) (Ctrl+Z undoes them all)</translation>
    </message>
    <message>
        <source>其余全部符合</source>
        <translation>All the rest compliant</translation>
    </message>
    <message>
        <source>没有尚未作答的检查项了。</source>
        <translation>No unanswered items are left.</translation>
    </message>
    <message>
        <source>还有 %1 项有待处理的系统建议。</source>
        <translation> %1 item(s) still have pending suggestions.</translation>
    </message>
    <message>
        <source>将把其余 %1 个尚未作答的检查项(涉及 %2 个对象)全部答为“符合”。</source>
        <translation>The remaining %1 unanswered item(s) (%2 object(s)) will all be answered “compliant”. </translation>
    </message>
    <message>
        <source>有系统建议的 %1 项不在其中,请先采纳或忽略。</source>
        <translation>The %1 item(s) with suggestions are left out: accept or dismiss them first. </translation>
    </message>
    <message>
        <source>确定吗?(Ctrl+Z 可整体撤销)</source>
        <translation>Continue? (Ctrl+Z undoes it all)</translation>
    </message>
    <message>
        <source>系统建议</source>
        <translation>Suggestions</translation>
    </message>
    <message>
        <source>没有待处理的系统建议。</source>
        <translation>No pending suggestions.</translation>
    </message>
    <message>
        <source>已采纳 %1 条建议</source>
        <translation>%1 suggestion(s) accepted</translation>
    </message>
    <message>
        <source>已忽略 %1 条建议</source>
        <translation>%1 suggestion(s) dismissed</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>新证书口令</source>
        <translation>New certificate passphrase</translation>
    </message>
    <message>
        <source>为新证书设置口令(至少8位):</source>
        <translation>Passphrase for the new certificate (at least 8 characters):</translation>
    </message>
    <message>
        <source>再次输入口令:</source>
        <translation>Enter the passphrase again:</translation>
    </message>
    <message>
        <source>两次输入的口令不一致,或少于8位,请重新输入。</source>
        <translation>The passphrases differ or are shorter than 8 characters. Please try again.</translation>
    </message>
    <message>
        <source>不适用理由</source>
        <translation>Reason for not applicable</translation>
    </message>
    <message>
        <source>请用一句话说明为何不适用(如:本单位仅使用该应用,不负责主办):</source>
        <translation>In one sentence, why does this item not apply (e.g. the unit only uses this app and does not run it):</translation>
    </message>
</context>
<context>
    <name>EntityDialog</name>
    <message>
        <source>编辑%1</source>
        <translation>Edit %1</translation>
    </message>
    <message>
        <source>新增%1</source>
        <translation>New %1</translation>
    </message>
    <message>
        <source>如 2024-03-15</source>
        <translation>e.g. 2024-03-15</translation>
    </message>
    <message>
        <source>整数</source>
        <translation>Whole number</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ExportPage</name>
    <message>
        <source>重新起草</source>
        <translation>Redraft</translation>
    </message>
    <message>
        <source>用当前数据重新起草开头、主要做法和下一步打算?已修改的文字将被替换。</source>
        <translation>Redraft the opening, main measures and next steps from the current data? Your edits will be replaced.</translation>
    </message>
    <message>
        <source>只读模式,不能导出(数据所在的文件夹不可写)</source>
        <translation>Read-only: cannot export (the data folder is not writable)</translation>
    </message>
    <message>
        <source>尚未填写单位信息(第1步)</source>
        <translation>Unit details are not filled in (step 1)</translation>
    </message>
    <message>
        <source>还有 %1 个检查项未作答(第3、4步,可用“未答”筛选)</source>
        <translation>%1 check items are unanswered (steps 3 and 4; filter by &quot;Unanswered&quot;)</translation>
    </message>
    <message>
        <source>自查概况</source>
        <translation>Overview</translation>
    </message>
    <message>
        <source>应用程序 %1 个,公众账号 %2 个,工作群组 %3 个。</source>
        <translation>Apps: %1, public accounts: %2, work groups: %3.</translation>
    </message>
    <message>
        <source>检查项 %1 个,已答 %2 个(%3%)。</source>
        <translation>Check items: %1, answered: %2 (%3%).</translation>
    </message>
    <message>
        <source>问题按条款</source>
        <translation>Problems by article</translation>
    </message>
    <message>
        <source>导出前还需要:</source>
        <translation>Before exporting:</translation>
    </message>
    <message>
        <source>选择导出文件夹</source>
        <translation>Choose the export folder</translation>
    </message>
    <message>
        <source>选择单位证书</source>
        <translation>Choose the unit certificate</translation>
    </message>
    <message>
        <source>证书 (*.p12 *.pfx)</source>
        <translation>Certificates (*.p12 *.pfx)</translation>
    </message>
    <message>
        <source>新建证书</source>
        <translation>New certificate</translation>
    </message>
    <message>
        <source>请先在第1步填写单位信息</source>
        <translation>Fill in the unit information (step 1) first</translation>
    </message>
    <message>
        <source>新证书保存为</source>
        <translation>Save the new certificate as</translation>
    </message>
    <message>
        <source>证书 (*.p12)</source>
        <translation>Certificates (*.p12)</translation>
    </message>
    <message>
        <source>已生成单位证书 %1。请妥善保管证书文件并牢记口令。</source>
        <translation>Unit certificate created: %1. Keep the file safe and remember the passphrase.</translation>
    </message>
    <message>
        <source>选择印章图片</source>
        <translation>Choose the seal image</translation>
    </message>
    <message>
        <source>图片 (*.png *.jpg)</source>
        <translation>Images (*.png *.jpg)</translation>
    </message>
    <message>
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>请选择保存导出文件的文件夹</source>
        <translation>Choose a folder for the exported files</translation>
    </message>
    <message>
        <source>找不到单位证书文件:%1</source>
        <translation>Unit certificate file not found: %1</translation>
    </message>
    <message>
        <source>证书口令</source>
        <translation>Certificate password</translation>
    </message>
    <message>
        <source>请输入单位证书的口令:</source>
        <translation>Password of the unit certificate:</translation>
    </message>
    <message>
        <source>已签名</source>
        <translation>signed</translation>
    </message>
    <message>
        <source>未签名</source>
        <translation>not signed</translation>
    </message>
    <message>
        <source>导出失败</source>
        <translation>Export failed</translation>
    </message>
    <message>
        <source>报告文字(可修改,自动保存)</source>
        <translation>Report text (editable, saved automatically)</translation>
    </message>
    <message>
        <source>主送机关</source>
        <translation>Addressee</translation>
    </message>
    <message>
        <source>开头</source>
        <translation>Opening</translation>
    </message>
    <message>
        <source>主要做法</source>
        <translation>Main measures</translation>
    </message>
    <message>
        <source>下一步打算</source>
        <translation>Next steps</translation>
    </message>
    <message>
        <source>签发人</source>
        <translation>Signed by</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>职务</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>按当前数据重新起草</source>
        <translation>Redraft from current data</translation>
    </message>
    <message>
        <source>导出与签名</source>
        <translation>Export and sign</translation>
    </message>
    <message>
        <source>保存到</source>
        <translation>Save to</translation>
    </message>
    <message>
        <source>选择…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>用单位证书签名(推荐)</source>
        <translation>Sign with the unit certificate (recommended)</translation>
    </message>
    <message>
        <source>单位证书</source>
        <translation>Certificate</translation>
    </message>
    <message>
        <source>.p12 文件</source>
        <translation>.p12 file</translation>
    </message>
    <message>
        <source>新建…</source>
        <translation>New…</translation>
    </message>
    <message>
        <source>没有省级签发的证书时,为本单位生成自签名证书</source>
        <translation>Without a certificate issued by the province, create a self-signed one for this unit</translation>
    </message>
    <message>
        <source>印章图片</source>
        <translation>Seal image</translation>
    </message>
    <message>
        <source>可选,PNG</source>
        <translation>Optional, PNG</translation>
    </message>
    <message>
        <source>同时导出可编辑的 Word 报告(.docx)</source>
        <translation>Also export an editable Word report (.docx)</translation>
    </message>
    <message>
        <source>导出自查报告和一张表</source>
        <translation>Export report and unit workbook</translation>
    </message>
    <message>
        <source>打开所在文件夹</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <source>导出完成(%1),文件已保存到 %2:</source>
        <translation>Exported (%1), the files are in %2:</translation>
    </message>
    <message>
        <source>转到第一处缺漏</source>
        <translation>Go to the first gap</translation>
    </message>
    <message>
        <source>有 %1 处整改缺漏(第5步),如:%2</source>
        <translation>%1 rectification gap(s) (step 5), e.g.: %2</translation>
    </message>
    <message>
        <source>还有 %1 个未答。</source>
        <translation> %1 still unanswered.</translation>
    </message>
    <message>
        <source>发现问题 %1 个(涉及 %2 个检查结论)。</source>
        <translation>%1 problem(s) found, covering %2 answer(s).</translation>
    </message>
</context>
<context>
    <name>FindingsDialog</name>
    <message>
        <source>系统建议</source>
        <translation>Suggestions</translation>
    </message>
    <message>
        <source>系统根据台账发现 %1 条建议。勾选要处理的类别:</source>
        <translation>The ledger gives %1 suggestion(s). Tick the kinds to decide:</translation>
    </message>
    <message>
        <source>%1(检查项 %2,建议“%3”):%4 个</source>
        <translation>%1 (item %2, suggested “%3”): %4</translation>
    </message>
    <message>
        <source>忽略时必填:说明理由(如“这些临时群已于检查前解散”)</source>
        <translation>Required when dismissing: the reason</translation>
    </message>
    <message>
        <source>采纳所勾选的建议</source>
        <translation>Accept ticked suggestions</translation>
    </message>
    <message>
        <source>忽略所勾选的建议</source>
        <translation>Dismiss ticked suggestions</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>ItemPanel</name>
    <message>
        <source>本单位(单位层面)</source>
        <translation>This unit (unit level)</translation>
    </message>
    <message>
        <source>(已停用的检查项)</source>
        <translation> (retired check item)</translation>
    </message>
    <message>
        <source>填写提示:</source>
        <translation>Guidance: </translation>
    </message>
    <message>
        <source>可作证明的材料:</source>
        <translation>Possible evidence: </translation>
    </message>
    <message>
        <source>%1(%2 字节)</source>
        <translation>%1 (%2 bytes)</translation>
    </message>
    <message>
        <source>系统根据台账建议:%1 —— %2</source>
        <translation>Suggested from the ledger: %1 — %2</translation>
    </message>
    <message>
        <source>尚未填写:%1</source>
        <translation>Still missing: %1</translation>
    </message>
    <message>
        <source>、</source>
        <comment>list separator</comment>
        <translation>, </translation>
    </message>
    <message>
        <source>无法保存</source>
        <translation>Cannot save</translation>
    </message>
    <message>
        <source>无法保存说明</source>
        <translation>Cannot save the note</translation>
    </message>
    <message>
        <source>选择证明材料</source>
        <translation>Choose evidence files</translation>
    </message>
    <message>
        <source>证明材料未添加</source>
        <translation>Evidence not added</translation>
    </message>
    <message>
        <source>无法打开</source>
        <translation>Cannot open</translation>
    </message>
    <message>
        <source>证明材料文件缺失:%1</source>
        <translation>Evidence file missing: %1</translation>
    </message>
    <message>
        <source>采纳</source>
        <translation>Accept</translation>
    </message>
    <message>
        <source>忽略</source>
        <translation>Ignore</translation>
    </message>
    <message>
        <source>1 符合</source>
        <translation>1 Compliant</translation>
    </message>
    <message>
        <source>2 基本符合</source>
        <translation>2 Largely compliant</translation>
    </message>
    <message>
        <source>3 不符合</source>
        <translation>3 Non-compliant</translation>
    </message>
    <message>
        <source>4 不适用</source>
        <translation>4 Not applicable</translation>
    </message>
    <message>
        <source>下一未答项 ⏎</source>
        <translation>Next unanswered ⏎</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>检查情况说明(可选)</source>
        <translation>Notes on the check (optional)</translation>
    </message>
    <message>
        <source>证明材料(可拖入文件)</source>
        <translation>Evidence (drop files here)</translation>
    </message>
    <message>
        <source>添加…</source>
        <translation>Add…</translation>
    </message>
    <message>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>移除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>存在问题与整改(基本符合、不符合时必填)</source>
        <translation>Problem and rectification (required if largely or non-compliant)</translation>
    </message>
    <message>
        <source>问题描述 *</source>
        <translation>Problem *</translation>
    </message>
    <message>
        <source>整改措施 *</source>
        <translation>Rectification measure *</translation>
    </message>
    <message>
        <source>责任人 *</source>
        <translation>Person responsible *</translation>
    </message>
    <message>
        <source>整改时限 *</source>
        <translation>Deadline *</translation>
    </message>
    <message>
        <source>如 2025-06-30</source>
        <translation>e.g. 2025-06-30</translation>
    </message>
    <message>
        <source>整改状态</source>
        <translation>Rectification status</translation>
    </message>
    <message>
        <source>  依据:%1</source>
        <translation>  Source: %1</translation>
    </message>
    <message>
        <source>不适用理由:%1  &lt;a href=&quot;edit&quot;&gt;修改&lt;/a&gt;</source>
        <translation>Reason for not applicable: %1  &lt;a href=&quot;edit&quot;&gt;Edit&lt;/a&gt;</translation>
    </message>
    <message>
        <source> —— 与其他 %1 个对象共用此问题,修改对全部生效</source>
        <translation> — shared with %1 other object(s); changes apply to all</translation>
    </message>
    <message>
        <source>忽略系统建议</source>
        <translation>Dismiss suggestion</translation>
    </message>
    <message>
        <source>请说明忽略该建议的理由:</source>
        <translation>Why is this suggestion dismissed?</translation>
    </message>
    <message>
        <source>台账缺少信息:%1</source>
        <translation>The ledger lacks a fact: %1</translation>
    </message>
    <message>
        <source>清单升级后此项措辞已修改,请重新作答(原检查项 %1 的结论:%2;说明:%3)</source>
        <translation>The checklist upgrade reworded this item: please answer it again (previous item %1: %2; note: %3)</translation>
    </message>
    <message>
        <source>无</source>
        <translation>none</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>应用程序</source>
        <translation>App</translation>
    </message>
    <message>
        <source>公众账号</source>
        <translation>Public account</translation>
    </message>
    <message>
        <source>工作群组</source>
        <translation>Work group</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>符合</source>
        <translation>Compliant</translation>
    </message>
    <message>
        <source>基本符合</source>
        <translation>Largely compliant</translation>
    </message>
    <message>
        <source>不符合</source>
        <translation>Non-compliant</translation>
    </message>
    <message>
        <source>不适用</source>
        <translation>Not applicable</translation>
    </message>
    <message>
        <source>未答</source>
        <translation>Unanswered</translation>
    </message>
    <message>
        <source>未整改</source>
        <translation>Not started</translation>
    </message>
    <message>
        <source>整改中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>已整改</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>省级</source>
        <translation>Provincial</translation>
    </message>
    <message>
        <source>地市级</source>
        <translation>Prefectural</translation>
    </message>
    <message>
        <source>县级</source>
        <translation>County</translation>
    </message>
    <message>
        <source>乡镇(街道)级</source>
        <translation>Township (subdistrict)</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>进行中</source>
        <translation>in progress</translation>
    </message>
    <message>
        <source>已完成</source>
        <translation>completed</translation>
    </message>
    <message>
        <source>问题描述</source>
        <translation>problem</translation>
    </message>
    <message>
        <source>整改措施</source>
        <translation>rectification measure</translation>
    </message>
    <message>
        <source>责任人</source>
        <translation>person responsible</translation>
    </message>
    <message>
        <source>整改时限</source>
        <translation>deadline</translation>
    </message>
</context>
<context>
    <name>LedgerPage</name>
    <message>
        <source>应用程序 %1 个,公众账号 %2 个,工作群组 %3 个</source>
        <translation>Apps: %1, public accounts: %2, work groups: %3</translation>
    </message>
    <message>
        <source>;当前显示 %1 个</source>
        <translation>; %1 shown</translation>
    </message>
    <message>
        <source>无法保存</source>
        <translation>Cannot save</translation>
    </message>
    <message>
        <source>删除 %1 个条目(%2)?它们的自查结论、证明材料关联和问题也会一并删除。</source>
        <translation>Delete %1 entries (%2)? Their verdicts, evidence links and problems are deleted too.</translation>
    </message>
    <message>
        <source>删除台账条目</source>
        <translation>Delete ledger entries</translation>
    </message>
    <message>
        <source>选择台账工作簿</source>
        <translation>Choose a ledger workbook</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <source>无法导入</source>
        <translation>Cannot import</translation>
    </message>
    <message>
        <source>……另有 %1 行</source>
        <translation>… and %1 more rows</translation>
    </message>
    <message>
        <source>导入结果</source>
        <translation>Import result</translation>
    </message>
    <message>
        <source>搜索名称、主办单位、平台…</source>
        <translation>Search name, sponsor, platform…</translation>
    </message>
    <message>
        <source>新增…</source>
        <translation>Add…</translation>
    </message>
    <message>
        <source>编辑…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>从工作簿导入…</source>
        <translation>Import workbook…</translation>
    </message>
    <message>
        <source>粘贴表格</source>
        <translation>Paste table</translation>
    </message>
    <message>
        <source>应用程序</source>
        <translation>Apps</translation>
    </message>
    <message>
        <source>公众账号</source>
        <translation>Public accounts</translation>
    </message>
    <message>
        <source>工作群组</source>
        <translation>Work groups</translation>
    </message>
    <message>
        <source>台账类型</source>
        <translation>Ledger kind</translation>
    </message>
    <message>
        <source>工作表“%1”是哪一种台账?</source>
        <translation>Which ledger is sheet “%1”?</translation>
    </message>
    <message>
        <source>新增 %1 条,更新 %2 条,未变 %3 条,未导入 %4 行。</source>
        <translation>%1 new, %2 changed, %3 unchanged, %4 row(s) refused.</translation>
    </message>
    <message>
        <source>更新:</source>
        <translation>Changed: </translation>
    </message>
    <message>
        <source>未导入:</source>
        <translation>Refused: </translation>
    </message>
    <message>
        <source>说明:</source>
        <translation>Note: </translation>
    </message>
    <message>
        <source>导入预览</source>
        <translation>Import preview</translation>
    </message>
    <message>
        <source>确认导入吗?</source>
        <translation>Import now?</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>已导入:新增 %1 条,更新 %2 条,未变 %3 条。</source>
        <translation>Imported: %1 new, %2 changed, %3 unchanged.</translation>
    </message>
    <message>
        <source>以下 %1 行未导入,请修改后重新导入(已导入的不会重复):</source>
        <translation>%1 row(s) were not imported; correct them and import again (rows already imported will not be duplicated):</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>%1 年度自查 — %2</source>
        <translation>%1 self-inspection — %2</translation>
    </message>
    <message>
        <source>新单位</source>
        <translation>New unit</translation>
    </message>
    <message>
        <source>单位信息</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>台账登记</source>
        <translation>Ledger</translation>
    </message>
    <message>
        <source>逐条自查</source>
        <translation>Check items</translation>
    </message>
    <message>
        <source>单位层面</source>
        <translation>Unit level</translation>
    </message>
    <message>
        <source>问题与整改</source>
        <translation>Problems</translation>
    </message>
    <message>
        <source>签名导出</source>
        <translation>Sign &amp; export</translation>
    </message>
    <message>
        <source>填写单位名称、统一社会信用代码和行政区划代码。</source>
        <translation>Enter the unit name, unified social credit code and region code.</translation>
    </message>
    <message>
        <source>登记本单位的政务应用程序、公众账号和工作群组;可从工作簿导入或粘贴。</source>
        <translation>Register the unit&apos;s government apps, public accounts and work groups; import a workbook or paste a table.</translation>
    </message>
    <message>
        <source>逐个对象逐条作答:数字键 1–4 选择结论,回车跳到下一未答项,Ctrl+Z 撤销上一次作答。</source>
        <translation>Answer each check item per entry: keys 1–4 choose the verdict, Enter goes to the next unanswered item, Ctrl+Z undoes the last answer.</translation>
    </message>
    <message>
        <source>回答针对本单位整体的检查项(数字键 1–4,回车下一项)。</source>
        <translation>Answer the check items on the unit as a whole (keys 1–4, Enter for the next item).</translation>
    </message>
    <message>
        <source>每个问题都要写明整改措施、责任人和整改时限。</source>
        <translation>Every problem needs a rectification measure, a person responsible and a deadline.</translation>
    </message>
    <message>
        <source>核对概况、修改报告文字,然后导出并签名。</source>
        <translation>Review the overview, edit the report text, then export and sign.</translation>
    </message>
    <message>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>返回首页</source>
        <translation>Home</translation>
    </message>
    <message>
        <source>导出空白模板工作簿…</source>
        <translation>Export blank template workbook…</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>编辑(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>撤销上一次作答</source>
        <translation>Undo last answer</translation>
    </message>
    <message>
        <source>设置(&amp;S)</source>
        <translation>&amp;Settings</translation>
    </message>
    <message>
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <source>未填</source>
        <translation>missing</translation>
    </message>
    <message>
        <source>%1 项待补</source>
        <translation>%1 to complete</translation>
    </message>
    <message>
        <source>已保存 %1</source>
        <translation>Saved %1</translation>
    </message>
    <message>
        <source>没有可撤销的作答</source>
        <translation>No answer to undo</translation>
    </message>
    <message>
        <source>选择保存空白模板的文件夹</source>
        <translation>Choose a folder for the blank template</translation>
    </message>
    <message>
        <source>导出失败</source>
        <translation>Export failed</translation>
    </message>
    <message>
        <source>空白模板已保存:%1</source>
        <translation>Blank template saved: %1</translation>
    </message>
    <message>
        <source>年度自查</source>
        <translation>Annual self-inspection</translation>
    </message>
    <message>
        <source>自查步骤</source>
        <translation>Steps</translation>
    </message>
    <message>
        <source>总体进度</source>
        <translation>Overall progress</translation>
    </message>
    <message>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>已撤销上一次批量操作</source>
        <translation>Last bulk action undone</translation>
    </message>
    <message>
        <source>打开所在文件夹</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <source>关闭提示</source>
        <translation>Close this message</translation>
    </message>
    <message>
        <source>本次自查使用的检查清单为 %1 版,已有新版 %2:可在“文件 → 升级到最新检查清单”中升级(已有答复不会删除)。</source>
        <translation>This inspection uses checklist version %1; version %2 is available: upgrade it with “File → Upgrade to the newest checklist” (no answer is deleted).</translation>
    </message>
    <message>
        <source>升级到最新检查清单…</source>
        <translation>Upgrade to the newest checklist…</translation>
    </message>
    <message>
        <source>把本次自查从检查清单 %1 版升级到 %2 版?

升级前自动备份数据库。措辞未变的检查项原样带入答复;措辞已改的检查项需要重新作答,原来的结论和说明会显示在旁边备查;不再检查的项目其答复仍可查看。任何答复都不会删除。</source>
        <translation>Upgrade this inspection from checklist version %1 to %2?

The database is backed up first. Answers to items whose wording is unchanged are carried over; items whose wording changed must be answered again, with the previous verdict and note shown beside them; answers to items no longer asked stay readable. No answer is deleted.</translation>
    </message>
    <message>
        <source>升级检查清单</source>
        <translation>Upgrade the checklist</translation>
    </message>
    <message>
        <source>升级失败</source>
        <translation>Upgrade failed</translation>
    </message>
    <message>
        <source>检查清单未升级,数据未改动:%1</source>
        <translation>The checklist was not upgraded and no data was changed: %1</translation>
    </message>
    <message>
        <source>检查清单已从 %1 版升级到 %2 版:原样带入答复 %3 条,需重新作答 %4 项(原结论保留备查),答复 %5 条,无一删除。</source>
        <translation>The checklist was upgraded from version %1 to %2: %3 answers carried over, %4 items to answer again (previous verdicts kept for reference), %5 answers in all, none deleted.</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>选择单位工作簿</source>
        <translation>Choose unit workbooks</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <source>选择存放工作簿的文件夹</source>
        <translation>Choose a folder of workbooks</translation>
    </message>
    <message>
        <source>汇总工作簿保存为</source>
        <translation>Save merged workbook as</translation>
    </message>
    <message>
        <source>选择证书机构证书</source>
        <translation>Choose the certificate authority certificate</translation>
    </message>
    <message>
        <source>证书 (*.pem *.crt)</source>
        <translation>Certificates (*.pem *.crt)</translation>
    </message>
    <message>
        <source>省级汇总</source>
        <translation>Provincial merge</translation>
    </message>
    <message>
        <source>请先添加要汇总的工作簿或文件夹</source>
        <translation>Add the workbooks or folders to merge first</translation>
    </message>
    <message>
        <source>正在检查文件…</source>
        <translation>Checking files…</translation>
    </message>
    <message>
        <source>正在停止(已处理的文件会保留)…</source>
        <translation>Stopping (files already processed are kept)…</translation>
    </message>
    <message>
        <source>已处理 %1/%2:%3</source>
        <translation>Processed %1/%2: %3</translation>
    </message>
    <message>
        <source>汇总完成:接收 %1 个,重复 %2 个,退回 %3 个。</source>
        <translation>Merge finished: %1 accepted, %2 duplicates, %3 rejected.</translation>
    </message>
    <message>
        <source>已停止:已处理的文件已保存在省级数据库中,再次汇总会从中断处继续。</source>
        <translation>Stopped: the files processed are saved in the provincial database; merging again resumes where it stopped. </translation>
    </message>
    <message>
        <source>汇总失败</source>
        <translation>Merge failed</translation>
    </message>
    <message>
        <source>选择或拖入各单位报送的工作簿(.xlsx)或所在文件夹。每个文件先检查安全性、版式、内容和签名,合格的才并入省级数据库;不合格的逐一列出原因。</source>
        <translation>Choose or drop the workbooks (.xlsx) submitted by the units, or their folders. Each file is checked for safety, layout, content and signature; only valid files are merged into the provincial database, and each rejected file is listed with its reasons.</translation>
    </message>
    <message>
        <source>添加文件…</source>
        <translation>Add files…</translation>
    </message>
    <message>
        <source>添加文件夹…</source>
        <translation>Add folder…</translation>
    </message>
    <message>
        <source>清空</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>汇总工作簿</source>
        <translation>Merged workbook</translation>
    </message>
    <message>
        <source>选择…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>信任的证书机构</source>
        <translation>Trusted CA</translation>
    </message>
    <message>
        <source>ca.pem(可选;指定后只接受由该机构签发证书签名的文件)</source>
        <translation>ca.pem (optional; if set, only files signed with certificates issued by this CA are accepted)</translation>
    </message>
    <message>
        <source>省级数据库</source>
        <translation>Provincial database</translation>
    </message>
    <message>
        <source>开始汇总</source>
        <translation>Start merge</translation>
    </message>
    <message>
        <source>停止</source>
        <translation>Stop</translation>
    </message>
    <message>
        <source>打开汇总工作簿</source>
        <translation>Open merged workbook</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>尚未选择信任的证书机构证书。

没有它,无法确认签名者是谁:自签名证书任何人都能以任何单位的名义制作。请选择省级证书机构证书(ca.pem);如确需接收未经认证的签名,请明确选择接收,汇总表会标注“未经认证(已明确接受)”。</source>
        <translation>No trusted CA certificate has been chosen.

Without it nobody can tell who signed: anyone can make a self-signed certificate in any unit&apos;s name. Choose the provincial CA certificate (ca.pem); if you really must take in uncertified signatures, accept them explicitly, and the master workbook will mark them “未经认证(已明确接受)” (uncertified, explicitly accepted).</translation>
    </message>
    <message>
        <source>选择证书机构证书…</source>
        <translation>Choose the CA certificate…</translation>
    </message>
    <message>
        <source>接收未经认证的签名</source>
        <translation>Accept uncertified signatures</translation>
    </message>
    <message>
        <source>每个地市一个明细工作簿(推荐)</source>
        <translation>One detail workbook per prefecture (recommended)</translation>
    </message>
    <message>
        <source>只输出汇总工作簿</source>
        <translation>Master workbook only</translation>
    </message>
    <message>
        <source>完整明细(CSV 文件)</source>
        <translation>Full detail (CSV files)</translation>
    </message>
    <message>
        <source>本省</source>
        <translation>Province</translation>
    </message>
    <message>
        <source>如 33 或 浙江省(可选;指定后外省单位将被退回)</source>
        <translation>e.g. 33, the province code (optional; units from other provinces are then rejected)</translation>
    </message>
    <message>
        <source>允许外省单位(标注后汇总)</source>
        <translation>Accept units from other provinces (flagged)</translation>
    </message>
    <message>
        <source>明细输出</source>
        <translation>Detail output</translation>
    </message>
</context>
<context>
    <name>ProblemsModel</name>
    <message>
        <source>对象</source>
        <translation>Entry</translation>
    </message>
    <message>
        <source>检查项</source>
        <translation>Check item</translation>
    </message>
    <message>
        <source>结论</source>
        <translation>Verdict</translation>
    </message>
    <message>
        <source>问题描述</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>整改措施</source>
        <translation>Rectification measure</translation>
    </message>
    <message>
        <source>责任人</source>
        <translation>Person responsible</translation>
    </message>
    <message>
        <source>整改时限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>整改状态</source>
        <translation>Rectification status</translation>
    </message>
    <message>
        <source>本单位</source>
        <translation>This unit</translation>
    </message>
    <message>
        <source> 等 %1 个</source>
        <translation> and others (%1)</translation>
    </message>
    <message>
        <source>…另有 %1 个</source>
        <translation>…%1 more</translation>
    </message>
</context>
<context>
    <name>ProblemsPage</name>
    <message>
        <source>,均已填写整改措施、责任人和时限。</source>
        <translation>, all with rectification measure, person responsible and deadline.</translation>
    </message>
    <message>
        <source>只看未填完整的</source>
        <translation>Incomplete only</translation>
    </message>
    <message>
        <source>双击单元格即可修改;整改时限可写作 2025-06-30、2025/6/30 或 2025年6月30日。</source>
        <translation>Double-click a cell to edit it; a deadline can be written as 2025-06-30 or 2025/6/30.</translation>
    </message>
    <message>
        <source>共 %1 个问题(涉及 %2 个检查结论)</source>
        <translation>%1 problem(s) covering %2 answer(s)</translation>
    </message>
    <message>
        <source>,还有 %1 处缺漏(问题描述、整改措施、责任人、整改时限均为必填),补齐前不能导出。</source>
        <translation>; %1 gap(s) remain (description, measure, person responsible and deadline are required); export is blocked until they are filled in.</translation>
    </message>
</context>
<context>
    <name>ResultsModel</name>
    <message>
        <source>退回</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>重复</source>
        <translation>Duplicate</translation>
    </message>
    <message>
        <source>已汇总</source>
        <translation>Merged</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>单位或原因</source>
        <translation>Unit or reason</translation>
    </message>
</context>
<context>
    <name>Rules</name>
    <message>
        <source>超过两周未更新,存在“僵尸”账号风险</source>
        <translation>not updated for over two weeks (“zombie” account risk)</translation>
    </message>
    <message>
        <source>登记有打卡签到/积分排名/在线时长功能</source>
        <translation>registered with check-in / ranking / online-time features</translation>
    </message>
    <message>
        <source>未登记ICP备案号</source>
        <translation>no ICP filing number recorded</translation>
    </message>
    <message>
        <source>没有投诉建议功能</source>
        <translation>no complaint channel</translation>
    </message>
    <message>
        <source>临时工作群任务结束后仍未解散</source>
        <translation>temporary group not dissolved after its task ended</translation>
    </message>
    <message>
        <source>名称相同或相近,可能重复建设</source>
        <translation>same or similar name: possible duplicate</translation>
    </message>
</context>
<context>
    <name>StartWindow</name>
    <message>
        <source>%1 年度的自查已存在</source>
        <translation>The %1 self-inspection already exists</translation>
    </message>
    <message>
        <source>数据库:%1</source>
        <translation>Database: %1</translation>
    </message>
    <message>
        <source>正在打开数据库…</source>
        <translation>Opening the database…</translation>
    </message>
    <message>
        <source>还没有自查。请在下方选择年度并开始。</source>
        <translation>No self-inspection yet. Choose a year below and start.</translation>
    </message>
    <message>
        <source>指尖上的形式主义 · 年度自查</source>
        <translation>Formalism at the fingertips · Annual self-inspection</translation>
    </message>
    <message>
        <source>防治“指尖上的形式主义”年度自查</source>
        <translation>Annual self-inspection against &quot;formalism at the fingertips&quot;</translation>
    </message>
    <message>
        <source>依据《关于防治“指尖上的形式主义”的若干意见》,逐条检查本单位的政务应用程序、公众账号和工作群组。全部数据只保存在本机。</source>
        <translation>Checks the unit&apos;s government apps, public accounts and work groups article by article, following the &quot;Opinions on Preventing Formalism at the Fingertips&quot;. All data stays on this computer.</translation>
    </message>
    <message>
        <source>当前自查</source>
        <translation>Current self-inspection</translation>
    </message>
    <message>
        <source>还没有自查。</source>
        <translation>No self-inspection yet.</translation>
    </message>
    <message>
        <source>继续自查</source>
        <translation>Continue</translation>
    </message>
    <message>
        <source>开始新的年度自查</source>
        <translation>Start a new year&apos;s self-inspection</translation>
    </message>
    <message>
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>沿用上一年度的台账</source>
        <translation>Reuse last year&apos;s ledger</translation>
    </message>
    <message>
        <source>开始</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>数据与工具</source>
        <translation>Data and tools</translation>
    </message>
    <message>
        <source>打开其他数据库…</source>
        <translation>Open other database…</translation>
    </message>
    <message>
        <source>从备份恢复…</source>
        <translation>Restore from backup…</translation>
    </message>
    <message>
        <source>省级汇总工具…</source>
        <translation>Provincial merge…</translation>
    </message>
    <message>
        <source>关于…</source>
        <translation>About…</translation>
    </message>
</context>
<context>
    <name>UnitPage</name>
    <message>
        <source>%1 年度</source>
        <translation>%1</translation>
    </message>
    <message>
        <source>请填写单位名称</source>
        <translation>Enter the unit name</translation>
    </message>
    <message>
        <source>请填写18位统一社会信用代码</source>
        <translation>Enter the 18-character unified social credit code</translation>
    </message>
    <message>
        <source>请填写6位行政区划代码</source>
        <translation>Enter the 6-digit region code</translation>
    </message>
    <message>
        <source>填写本单位的基本信息。带 * 的为必填项;每项填写后立即保存。</source>
        <translation>Basic details of the unit. Fields marked * are required; each field is saved as soon as it is filled in.</translation>
    </message>
    <message>
        <source>单位名称 *</source>
        <translation>Unit name *</translation>
    </message>
    <message>
        <source>统一社会信用代码 *</source>
        <translation>Unified social credit code *</translation>
    </message>
    <message>
        <source>行政区划代码 *</source>
        <translation>Region code *</translation>
    </message>
    <message>
        <source>6位,如 330106</source>
        <translation>6 digits, e.g. 330106</translation>
    </message>
    <message>
        <source>单位层级</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>联系人</source>
        <translation>Contact person</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Contact phone</translation>
    </message>
    <message>
        <source>自查年度</source>
        <translation>Inspection year</translation>
    </message>
    <message>
        <source>检查日期</source>
        <translation>Inspection date</translation>
    </message>
    <message>
        <source>18位,如 11330106MB12345675</source>
        <translation>18 characters, e.g. 11330106MB12345675</translation>
    </message>
</context>
<context>
    <name>controller</name>
    <message>
        <source>程序文件不完整</source>
        <translation>Program files incomplete</translation>
    </message>
    <message>
        <source>以下程序文件缺失或损坏,请重新安装:</source>
        <translation>These program files are missing or damaged; please reinstall:</translation>
    </message>
</context>
</TS>
