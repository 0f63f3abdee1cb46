<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ActionDialog</name>
    <message>
        <location filename="../../ui/detail/dialogs.py" line="135" />
        <source>If you disagree with this decision you may, within 30 days of receiving it, request a review in writing from the upper level; you may also apply for mediation, arbitration, or bring a lawsuit.</source>
        <translation>如您对本处理决定有异议，可自收到之日起30日内向上级机构书面申请核查；也可申请调解、仲裁或依法提起诉讼。</translation>
    </message>
    <message>
        <location filename="../../ui/detail/dialogs.py" line="175" />
        <source>Choose the current operator first (status bar).</source>
        <translation>请先在状态栏选择当前操作员。</translation>
    </message>
    <message>
        <location filename="../../ui/detail/dialogs.py" line="206" />
        <source>Accept the case for handling.</source>
        <translation>受理本投诉。</translation>
    </message>
    <message>
        <location filename="../../ui/detail/dialogs.py" line="207" />
        <source>Start handling the case.</source>
        <translation>开始办理本投诉。</translation>
    </message>
    <message>
        <location filename="../../ui/detail/dialogs.py" line="208" />
        <source>Pause the clock for an external appraisal or test: that time does not count towards the deadline.</source>
        <translation>因外部鉴定、检测暂停计时：该期间不计入处理时限。</translation>
    </message>
    <message>
        <location filename="../../ui/detail/dialogs.py" line="210" />
        <source>The appraisal is over: the clock runs again and the deadline moves back by the days paused.</source>
        <translation>鉴定结束：恢复计时，期限按暂停天数顺延。</translation>
    </message>
    <message>
        <location filename="../../ui/detail/dialogs.py" line="212" />
        <source>Record new facts brought by the complainant.</source>
        <translation>记录投诉人提出的新情况、新事实。</translation>
    </message>
    <message>
        <location filename="../../ui/detail/dialogs.py" line="213" />
        <source>Record the decision in its four sections; the decision letter is built from them.</source>
        <translation>按四个部分录入处理决定，处理意见书据此生成。</translation>
    </message>
    <message>
        <location filename="../../ui/detail/dialogs.py" line="215" />
        <source>The complainant asks the upper level for a review (核查).</source>
        <translation>投诉人向上级机构申请核查。</translation>
    </message>
    <message>
        <location filename="../../ui/detail/dialogs.py" line="216" />
        <source>Record the result of the review.</source>
        <translation>录入核查结果。</translation>
    </message>
    <message>
        <location filename="../../ui/detail/dialogs.py" line="217" />
        <source>Close the case: the satisfaction follow-up must be done by someone other than the handler.</source>
        <translation>办结本投诉：满意度回访须由承办人以外的人员完成。</translation>
    </message>
    <message>
        <location filename="../../ui/detail/dialogs.py" line="219" />
        <source>The complainant withdraws the complaint: the procedure ends today.</source>
        <translation>投诉人撤回投诉：处理程序于今日终止。</translation>
    </message>
    <message>
        <location filename="../../ui/detail/dialogs.py" line="220" />
        <source>Decline a complaint not raised by the complainant or a proxy. A notice to the complainant is required.</source>
        <translation>对非投诉人本人或其代理人提出的投诉不予受理，须告知投诉人。</translation>
    </message>
    <message>
        <location filename="../../ui/detail/dialogs.py" line="222" />
        <source>Hand the case to another operator, who becomes its owner (首问负责制).</source>
        <translation>将本投诉移交其他人员，由其负责办理（首问负责制）。</translation>
    </message>
    <message>
        <location filename="../../ui/detail/dialogs.py" line="223" />
        <source>Add a note to the timeline.</source>
        <translation>在处理记录中添加备注。</translation>
    </message>
    <message>
        <location filename="../../ui/detail/dialogs.py" line="227" />
        <source>Second extension: to 60 days in all, for an especially complex case. Needs a supervisor's approval. A notice to the complainant is required.</source>
        <translation>第二次延期：特别复杂的投诉，总时限延长至60日，须经主管审批，并告知投诉人。</translation>
    </message>
    <message>
        <location filename="../../ui/detail/dialogs.py" line="230" />
        <source>First extension: to 30 days in all, for a complex case. A notice to the complainant is required.</source>
        <translation>第一次延期：情况复杂的投诉，总时限延长至30日，须告知投诉人。</translation>
    </message>
    <message>
        <location filename="../../ui/detail/dialogs.py" line="238" />
        <source>New facts restart the decision clock from today: the new target date will be %1 (was %2).</source>
        <translation>新情况、新事实将使处理时限自今日起重新计算：新的办结期限为 %1（原为 %2）。</translation>
    </message>
    <message>
        <location filename="../../ui/detail/dialogs.py" line="242" />
        <source>Note (optional)</source>
        <translation>备注（可选）</translation>
    </message>
    <message>
        <location filename="../../ui/detail/dialogs.py" line="243" />
        <source>What is appraised, by whom</source>
        <translation>鉴定内容及鉴定机构</translation>
    </message>
    <message>
        <location filename="../../ui/detail/dialogs.py" line="244" />
        <source>How the withdrawal was received</source>
        <translation>撤诉方式及经过</translation>
    </message>
    <message>
        <location filename="../../ui/detail/dialogs.py" line="245" />
        <source>Why the case is declined</source>
        <translation>不予受理的理由</translation>
    </message>
    <message>
        <location filename="../../ui/detail/dialogs.py" line="246" />
        <source>The complainant's request</source>
        <translation>投诉人的核查申请</translation>
    </message>
    <message>
        <location filename="../../ui/detail/dialogs.py" line="247" />
        <source>Review result</source>
        <translation>核查结果</translation>
    </message>
    <message>
        <location filename="../../ui/detail/dialogs.py" line="248" />
        <source>New facts</source>
        <translation>新情况、新事实</translation>
    </message>
    <message>
        <location filename="../../ui/detail/dialogs.py" line="249" />
        <source>Reason for the extension</source>
        <translation>延期理由</translation>
    </message>
    <message>
        <location filename="../../ui/detail/dialogs.py" line="250" />
        <source>Approved by (supervisor)</source>
        <translation>审批人（主管）</translation>
    </message>
    <message>
        <location filename="../../ui/detail/dialogs.py" line="251" />
        <source>What was verified</source>
        <translation>核实情况</translation>
    </message>
    <message>
        <location filename="../../ui/detail/dialogs.py" line="252" />
        <source>Basis and reasons</source>
        <translation>依据和理由</translation>
    </message>
    <message>
        <location filename="../../ui/detail/dialogs.py" line="253" />
        <source>Outcome</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <location filename="../../ui/detail/dialogs.py" line="254" />
        <source>Remedies</source>
        <translation>救济途径</translation>
    </message>
    <message>
        <location filename="../../ui/detail/dialogs.py" line="255" />
        <source>Root cause</source>
        <translation>问题根源（溯源）</translation>
    </message>
    <message>
        <location filename="../../ui/detail/dialogs.py" line="256" />
        <source>Rectification</source>
        <translation>整改措施</translation>
    </message>
    <message>
        <location filename="../../ui/detail/dialogs.py" line="257" />
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <location filename="../../ui/detail/dialogs.py" line="258" />
        <source>Follow-up done by</source>
        <translation>回访人</translation>
    </message>
    <message>
        <location filename="../../ui/detail/dialogs.py" line="259" />
        <source>Follow-up note</source>
        <translation>回访说明</translation>
    </message>
    <message>
        <location filename="../../ui/detail/dialogs.py" line="260" />
        <source>Hand over to</source>
        <translation>移交给</translation>
    </message>
    <message>
        <location filename="../../ui/detail/dialogs.py" line="261" />
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location filename="../../ui/detail/dialogs.py" line="262" />
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/detail/dialogs.py" line="267" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>CaseDetailView</name>
    <message>
        <location filename="../../ui/detail/view.py" line="206" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/detail/view.py" line="206" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/detail/view.py" line="209" />
        <source>Credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../../ui/detail/view.py" line="210" />
        <source>Legal representative</source>
        <translation>法定代表人</translation>
    </message>
    <message>
        <location filename="../../ui/detail/view.py" line="212" />
        <source>ID type</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <location filename="../../ui/detail/view.py" line="213" />
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <location filename="../../ui/detail/view.py" line="214" />
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location filename="../../ui/detail/view.py" line="214" />
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../ui/detail/view.py" line="216" />
        <source>Relation</source>
        <translation>与投诉人关系</translation>
    </message>
    <message>
        <location filename="../../ui/detail/view.py" line="217" />
        <source>Power of attorney</source>
        <translation>授权委托书</translation>
    </message>
    <message>
        <location filename="../../ui/detail/view.py" line="218" />
        <source>Signed original seen</source>
        <translation>已核验签字原件</translation>
    </message>
    <message>
        <location filename="../../ui/detail/view.py" line="218" />
        <source>No signed original</source>
        <translation>未提供签字原件</translation>
    </message>
    <message>
        <location filename="../../ui/detail/view.py" line="219" />
        <source>POA reference</source>
        <translation>委托书编号</translation>
    </message>
    <message>
        <location filename="../../ui/detail/view.py" line="220" />
        <source>Why not in person</source>
        <translation>本人未能到场原因</translation>
    </message>
    <message>
        <location filename="../../ui/detail/view.py" line="221" />
        <source>Inheritance proof</source>
        <translation>继承证明</translation>
    </message>
    <message>
        <location filename="../../ui/detail/view.py" line="232" />
        <source>Personal data masked</source>
        <translation>个人信息已脱敏</translation>
    </message>
    <message>
        <location filename="../../ui/detail/view.py" line="233" />
        <source>Personal data shown (logged)</source>
        <translation>正在显示个人信息（已记录）</translation>
    </message>
    <message>
        <location filename="../../ui/detail/view.py" line="234" />
        <location filename="../../ui/detail/view.py" line="343" />
        <source>Show personal data…</source>
        <translation>显示个人信息…</translation>
    </message>
    <message>
        <location filename="../../ui/detail/view.py" line="234" />
        <source>Mask again</source>
        <translation>重新脱敏</translation>
    </message>
    <message>
        <location filename="../../ui/detail/view.py" line="235" />
        <source>Complainant</source>
        <translation>投诉人</translation>
    </message>
    <message>
        <location filename="../../ui/detail/view.py" line="236" />
        <source>Received</source>
        <translation>接收时间</translation>
    </message>
    <message>
        <location filename="../../ui/detail/view.py" line="238" />
        <source>Proxy (代理人)</source>
        <translation>代理人</translation>
    </message>
    <message>
        <location filename="../../ui/detail/view.py" line="241" />
        <source>Representatives (group complaint)</source>
        <translation>代表（集体投诉）</translation>
    </message>
    <message>
        <location filename="../../ui/detail/view.py" line="244" />
        <source>Card and complained party</source>
        <translation>卡片及被投诉方</translation>
    </message>
    <message>
        <location filename="../../ui/detail/view.py" line="245" />
        <source>Card number</source>
        <translation>卡号</translation>
    </message>
    <message>
        <location filename="../../ui/detail/view.py" line="246" />
        <source>Institution / branch</source>
        <translation>被投诉机构/网点</translation>
    </message>
    <message>
        <location filename="../../ui/detail/view.py" line="247" />
        <source>Staff member</source>
        <translation>被投诉员工</translation>
    </message>
    <message>
        <location filename="../../ui/detail/view.py" line="248" />
        <source>Classification</source>
        <translation>投诉分类</translation>
    </message>
    <message>
        <location filename="../../ui/detail/view.py" line="253" />
        <source>Table</source>
        <translation>分类表版本</translation>
    </message>
    <message>
        <location filename="../../ui/detail/view.py" line="254" />
        <source>Request and facts</source>
        <translation>诉求与事实</translation>
    </message>
    <message>
        <location filename="../../ui/detail/view.py" line="255" />
        <source>Request (诉求)</source>
        <translation>诉求</translation>
    </message>
    <message>
        <location filename="../../ui/detail/view.py" line="256" />
        <source>Facts</source>
        <translation>事实经过</translation>
    </message>
    <message>
        <location filename="../../ui/detail/view.py" line="257" />
        <source>Grounds</source>
        <translation>理由依据</translation>
    </message>
    <message>
        <location filename="../../ui/detail/view.py" line="258" />
        <source>Decision</source>
        <translation>处理决定</translation>
    </message>
    <message>
        <location filename="../../ui/detail/view.py" line="261" />
        <source>Review result</source>
        <translation>核查结果</translation>
    </message>
    <message>
        <location filename="../../ui/detail/view.py" line="262" />
        <source>Closing</source>
        <translation>办结</translation>
    </message>
    <message>
        <location filename="../../ui/detail/view.py" line="263" />
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <location filename="../../ui/detail/view.py" line="265" />
        <source>Root cause</source>
        <translation>问题根源（溯源）</translation>
    </message>
    <message>
        <location filename="../../ui/detail/view.py" line="266" />
        <source>Rectification</source>
        <translation>整改措施</translation>
    </message>
    <message>
        <location filename="../../ui/detail/view.py" line="270" />
        <source>Responsibility (首问负责制)</source>
        <translation>责任人（首问负责制）</translation>
    </message>
    <message>
        <location filename="../../ui/detail/view.py" line="272" />
        <source>First responder</source>
        <translation>首问责任人</translation>
    </message>
    <message>
        <location filename="../../ui/detail/view.py" line="274" />
        <source>Owner now</source>
        <translation>当前承办人</translation>
    </message>
    <message>
        <location filename="../../ui/detail/view.py" line="275" />
        <source>Hand-overs</source>
        <translation>移交记录</translation>
    </message>
    <message>
        <location filename="../../ui/detail/view.py" line="277" />
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../ui/detail/view.py" line="279" />
        <location filename="../../ui/detail/view.py" line="342" />
        <source>Timeline</source>
        <translation>处理记录</translation>
    </message>
    <message>
        <location filename="../../ui/detail/view.py" line="287" />
        <location filename="../../ui/detail/view.py" line="341" />
        <source>Actions</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../ui/detail/view.py" line="304" />
        <source>Choose the current operator first (status bar).</source>
        <translation>请先在状态栏选择当前操作员。</translation>
    </message>
</context>
<context>
    <name>CaseDocumentsBar</name>
    <message>
        <location filename="../../ui/case_documents.py" line="116" />
        <source>%1 saved as %2 (copy %3).</source>
        <translation>%1已另存为 %2（第 %3 份）。</translation>
    </message>
    <message>
        <location filename="../../ui/case_documents.py" line="122" />
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location filename="../../ui/case_documents.py" line="129" />
        <source>Print receipt…</source>
        <translation>打印回执…</translation>
    </message>
    <message>
        <location filename="../../ui/case_documents.py" line="130" />
        <source>Preview and print the acknowledgement receipt (受理回执)</source>
        <translation>预览并打印受理回执</translation>
    </message>
    <message>
        <location filename="../../ui/case_documents.py" line="131" />
        <source>Print case report…</source>
        <translation>打印档案…</translation>
    </message>
    <message>
        <location filename="../../ui/case_documents.py" line="132" />
        <source>Preview and print the case report (投诉处理档案)</source>
        <translation>预览并打印投诉处理档案</translation>
    </message>
    <message>
        <location filename="../../ui/case_documents.py" line="133" />
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <location filename="../../ui/case_documents.py" line="134" />
        <source>Receipt as PDF…</source>
        <translation>受理回执 PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/case_documents.py" line="135" />
        <source>Case report as PDF…</source>
        <translation>投诉处理档案 PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/case_documents.py" line="159" />
        <source>Letters</source>
        <translation>告知文书</translation>
    </message>
    <message>
        <location filename="../../ui/case_documents.py" line="160" />
        <source>Preview and print a letter or notice to the complainant</source>
        <translation>预览并打印致投诉人的处理意见书或告知书</translation>
    </message>
</context>
<context>
    <name>CaseListPage</name>
    <message>
        <location filename="../../ui/case_list.py" line="204" />
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <location filename="../../ui/case_list.py" line="223" />
        <source>%1 case(s) match</source>
        <translation>共 %1 件符合条件</translation>
    </message>
    <message>
        <location filename="../../ui/case_list.py" line="236" />
        <source>&amp;Find</source>
        <translation>查找(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/case_list.py" line="237" />
        <source>Case number, name, last 4 of phone or ID (Ctrl+F)</source>
        <translation>案件编号、姓名、手机或证件后4位（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../../ui/case_list.py" line="238" />
        <source>&amp;State</source>
        <translation>状态(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/case_list.py" line="239" />
        <source>D&amp;ue</source>
        <translation>时限(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/case_list.py" line="240" />
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../ui/case_list.py" line="245" />
        <source>Cases</source>
        <translation>投诉案件</translation>
    </message>
    <message>
        <location filename="../../ui/case_list.py" line="246" />
        <source>Opening the case register…</source>
        <translation>正在打开投诉登记册…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/case_list.py" line="286" />
        <source>Due within %n day(s)</source>
        <translation><numerusform>%n日内到期</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/case_list.py" line="1" />
        <source>No cases yet. Press Ctrl+N to register the first complaint.</source>
        <translation>暂无投诉案件。按 Ctrl+N 登记第一件投诉。</translation>
    </message>
    <message>
        <location filename="../../ui/case_list.py" line="1" />
        <source>No case matches “%1” with these filters. Search by case number, name, or the last 4 digits of the phone or ID; or set the filters to all.</source>
        <translation>在当前筛选条件下没有与“%1”匹配的案件。可按投诉编号、姓名或电话、证件号后4位查找，或将筛选条件设为全部。</translation>
    </message>
    <message>
        <location filename="../../ui/case_list.py" line="1" />
        <source>No case in this view. Set the state and due filters to all to see every case.</source>
        <translation>此视图中没有案件。将状态和时限筛选设为全部即可查看所有案件。</translation>
    </message>
</context>
<context>
    <name>CaseTableModel</name>
    <message>
        <location filename="../../ui/case_model.py" line="292" />
        <source>Case number</source>
        <extracomment>Typing pause after which the matches are counted. Open states in which the decision clock runs (after a decision it has stopped).</extracomment>
        <translation>案件编号</translation>
    </message>
    <message>
        <location filename="../../ui/case_model.py" line="292" />
        <source>Received</source>
        <translation>接收时间</translation>
    </message>
    <message>
        <location filename="../../ui/case_model.py" line="292" />
        <source>Complainant</source>
        <translation>投诉人</translation>
    </message>
    <message>
        <location filename="../../ui/case_model.py" line="293" />
        <source>Classification</source>
        <translation>投诉分类</translation>
    </message>
    <message>
        <location filename="../../ui/case_model.py" line="293" />
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/case_model.py" line="293" />
        <source>First responder</source>
        <translation>首问责任人</translation>
    </message>
    <message>
        <location filename="../../ui/case_model.py" line="294" />
        <source>Days left</source>
        <translation>剩余时限</translation>
    </message>
    <message>
        <location filename="../../ui/case_model.py" line="357" />
        <source>Ended</source>
        <translation>已终结</translation>
    </message>
    <message>
        <location filename="../../ui/case_model.py" line="359" />
        <source>Decided</source>
        <translation>已决定，停止计时</translation>
    </message>
    <message>
        <location filename="../../ui/case_model.py" line="361" />
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/case_model.py" line="363" />
        <source>Overdue by %n day(s)</source>
        <translation><numerusform>已超期 %n 天</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/case_model.py" line="366" />
        <source>Past target, limit %1</source>
        <translation>已过目标日，法定期限 %1</translation>
    </message>
    <message>
        <location filename="../../ui/case_model.py" line="368" />
        <source>Due today</source>
        <translation>今日到期</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/case_model.py" line="369" />
        <source>%n day(s) left</source>
        <translation><numerusform>剩余 %n 天</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/case_model.py" line="375" />
        <source>Overdue: the legal limit has passed.</source>
        <translation>已超期：法定期限已过。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/case_model.py" line="427" />
        <source>Due within %n day(s).</source>
        <translation><numerusform>%n日内到期。</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/case_model.py" line="379" />
        <source>Paused for external appraisal: the clock stands still.</source>
        <translation>外部鉴定暂停中：暂停计时。</translation>
    </message>
    <message>
        <location filename="../../ui/case_model.py" line="380" />
        <source>Target date %1, legal limit %2</source>
        <translation>目标日期 %1，法定期限 %2</translation>
    </message>
</context>
<context>
    <name>CodePicker</name>
    <message>
        <location filename="../../ui/intake/pickers.py" line="66" />
        <source>Type a code or a name, ↓ for the list</source>
        <translation>输入代码或名称，按 ↓ 显示列表</translation>
    </message>
    <message>
        <location filename="../../ui/intake/pickers.py" line="1" />
        <source>No match for “%1”: try a code, a name or another word (F4: the whole list)</source>
        <translation>没有与“%1”匹配的分类：请换用代码、名称或其他说法（F4：完整列表）</translation>
    </message>
</context>
<context>
    <name>DeadlinePanel</name>
    <message>
        <location filename="../../ui/detail/panels.py" line="87" />
        <source>Deadline</source>
        <translation>处理时限</translation>
    </message>
    <message>
        <location filename="../../ui/detail/panels.py" line="94" />
        <source>Paused for appraisal: the clock stands still.</source>
        <translation>鉴定暂停中：暂停计时。</translation>
    </message>
    <message>
        <location filename="../../ui/detail/panels.py" line="96" />
        <source>Decided after the legal limit.</source>
        <translation>超过法定期限后作出处理决定。</translation>
    </message>
    <message>
        <location filename="../../ui/detail/panels.py" line="97" />
        <source>Handled within the time limit.</source>
        <translation>已在时限内处理。</translation>
    </message>
    <message>
        <location filename="../../ui/detail/panels.py" line="100" />
        <source>Overdue: the legal limit has passed.</source>
        <translation>已超期：法定期限已过。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/detail/panels.py" line="102" />
        <source>Due soon: %n day(s) left.</source>
        <translation><numerusform>即将到期：剩余 %n 天。</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/detail/panels.py" line="104" />
        <source>Past the target date; the legal limit has not passed yet.</source>
        <translation>已过目标日期，尚未超过法定期限。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/detail/panels.py" line="106" />
        <source>%n day(s) left.</source>
        <translation><numerusform>剩余 %n 天。</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/detail/panels.py" line="118" />
        <source>Target date</source>
        <translation>目标日期</translation>
    </message>
    <message>
        <location filename="../../ui/detail/panels.py" line="119" />
        <source>Legal limit</source>
        <translation>法定期限</translation>
    </message>
    <message>
        <location filename="../../ui/detail/panels.py" line="120" />
        <source>(moved past a rest day)</source>
        <translation>（遇休息日顺延）</translation>
    </message>
    <message>
        <location filename="../../ui/detail/panels.py" line="121" />
        <source>Clock started</source>
        <translation>起算日</translation>
    </message>
    <message>
        <location filename="../../ui/detail/panels.py" line="122" />
        <source>Time limit</source>
        <translation>处理时限</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/detail/panels.py" line="122" />
        <source>%n day(s)</source>
        <translation><numerusform>%n 天</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/detail/panels.py" line="123" />
        <source>Days paused</source>
        <translation>暂停天数</translation>
    </message>
    <message>
        <location filename="../../ui/detail/panels.py" line="124" />
        <source>Extensions</source>
        <translation>延期</translation>
    </message>
    <message>
        <location filename="../../ui/detail/panels.py" line="125" />
        <source>Level %1 on %2: %3</source>
        <translation>第%1次（%2）：%3</translation>
    </message>
    <message>
        <location filename="../../ui/detail/panels.py" line="127" />
        <source> (approved by %1)</source>
        <translation>（审批人 %1）</translation>
    </message>
    <message>
        <location filename="../../ui/detail/panels.py" line="130" />
        <source>Pauses</source>
        <translation>暂停记录</translation>
    </message>
    <message>
        <location filename="../../ui/detail/panels.py" line="132" />
        <source>Rules</source>
        <translation>规则版本</translation>
    </message>
    <message>
        <location filename="../../ui/detail/panels.py" line="133" />
        <source>Warnings</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../../ui/detail/panels.py" line="1" />
        <source>Holiday data for %1 is missing: the legal limit is uncertain (counted in plain calendar days, not moved past holidays). Ask the administrator to add the State Council's holiday schedule.</source>
        <translation>缺少%1年法定节假日数据：法定期限待定（按自然日计算，未作节假日顺延）。请管理员补充国务院办公厅公布的节假日安排。</translation>
    </message>
    <message>
        <location filename="../../ui/detail/panels.py" line="1" />
        <source>(uncertain: no holiday data for %1)</source>
        <translation>（待定：缺少%1年节假日数据）</translation>
    </message>
    <message>
        <location filename="../../ui/detail/panels.py" line="1" />
        <source>No holiday data for %1: dates in that year are not moved past holidays.</source>
        <translation>缺少%1年节假日数据：该年日期未作节假日顺延。</translation>
    </message>
    <message>
        <location filename="../../ui/detail/panels.py" line="1" />
        <source>A pause starting %1 ends before it starts and is not counted.</source>
        <translation>%1开始的中止计时结束早于开始，未计入。</translation>
    </message>
    <message>
        <location filename="../../ui/detail/panels.py" line="1" />
        <source>Check the deadline data (%1).</source>
        <translation>请核对时限数据（%1）。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/detail/panels.py" line="105" />
        <source>Overdue by %n day(s): the legal limit %1 has passed.</source>
        <translation><numerusform>已超期%n日：法定期限%1已过。</numerusform></translation>
    </message>
</context>
<context>
    <name>IntakeForm</name>
    <message>
        <location filename="../../ui/intake/form.py" line="430" />
        <source>%1 field(s) still need attention</source>
        <translation>还有 %1 项需要处理</translation>
    </message>
    <message>
        <location filename="../../ui/intake/form.py" line="532" />
        <source>Merge into %1</source>
        <translation>并入 %1</translation>
    </message>
    <message>
        <location filename="../../ui/intake/form.py" line="533" />
        <source>The request and facts typed here are added to case %1 as new facts. Its decision clock restarts today. No new case is opened.</source>
        <translation>此处录入的诉求和事实将作为新情况、新事实并入案件 %1，其处理时限自今日起重新计算，不另立新案。</translation>
    </message>
    <message>
        <location filename="../../ui/intake/form.py" line="555" />
        <location filename="../../ui/intake/form.py" line="618" />
        <source>Discard draft</source>
        <translation>放弃草稿</translation>
    </message>
    <message>
        <location filename="../../ui/intake/form.py" line="555" />
        <source>Throw away everything typed in this form?</source>
        <translation>确定放弃本表单中已录入的全部内容？</translation>
    </message>
    <message>
        <location filename="../../ui/intake/form.py" line="579" />
        <source>Draft saved %1</source>
        <translation>草稿已保存 %1</translation>
    </message>
    <message>
        <location filename="../../ui/intake/form.py" line="588" />
        <source>New case</source>
        <translation>新建投诉</translation>
    </message>
    <message>
        <location filename="../../ui/intake/form.py" line="594" />
        <source>Complainant</source>
        <translation>投诉人</translation>
    </message>
    <message>
        <location filename="../../ui/intake/form.py" line="595" />
        <source>Card and complained party</source>
        <translation>卡片及被投诉方</translation>
    </message>
    <message>
        <location filename="../../ui/intake/form.py" line="596" />
        <source>Classification</source>
        <translation>投诉分类</translation>
    </message>
    <message>
        <location filename="../../ui/intake/form.py" line="597" />
        <source>Request and facts</source>
        <translation>诉求与事实</translation>
    </message>
    <message>
        <location filename="../../ui/intake/form.py" line="598" />
        <source>Through a proxy (代理人)</source>
        <translation>委托代理人投诉</translation>
    </message>
    <message>
        <location filename="../../ui/intake/form.py" line="599" />
        <source>Group complaint in person</source>
        <translation>集体投诉（现场）</translation>
    </message>
    <message>
        <location filename="../../ui/intake/form.py" line="600" />
        <source>Card number</source>
        <translation>卡号</translation>
    </message>
    <message>
        <location filename="../../ui/intake/form.py" line="600" />
        <source>Institution / branch</source>
        <translation>被投诉机构/网点</translation>
    </message>
    <message>
        <location filename="../../ui/intake/form.py" line="601" />
        <source>Staff member</source>
        <translation>被投诉员工</translation>
    </message>
    <message>
        <location filename="../../ui/intake/form.py" line="606" />
        <source>Received</source>
        <translation>接收时间</translation>
    </message>
    <message>
        <location filename="../../ui/intake/form.py" line="607" />
        <source>earlier than now:</source>
        <translation>早于当前时间：</translation>
    </message>
    <message>
        <location filename="../../ui/intake/form.py" line="608" />
        <source>Request (诉求)</source>
        <translation>诉求</translation>
    </message>
    <message>
        <location filename="../../ui/intake/form.py" line="609" />
        <source>Facts</source>
        <translation>事实经过</translation>
    </message>
    <message>
        <location filename="../../ui/intake/form.py" line="610" />
        <source>Grounds</source>
        <translation>理由依据</translation>
    </message>
    <message>
        <location filename="../../ui/intake/form.py" line="611" />
        <source>Optional; masked after leaving the field</source>
        <translation>可选；离开输入框后脱敏显示</translation>
    </message>
    <message>
        <location filename="../../ui/intake/form.py" line="612" />
        <source>Branch or department complained about</source>
        <translation>被投诉的网点或部门</translation>
    </message>
    <message>
        <location filename="../../ui/intake/form.py" line="613" />
        <source>If a staff member is complained about</source>
        <translation>如投诉具体员工，请填写</translation>
    </message>
    <message>
        <location filename="../../ui/intake/form.py" line="614" />
        <source>What the complainant asks for</source>
        <translation>投诉人的具体诉求</translation>
    </message>
    <message>
        <location filename="../../ui/intake/form.py" line="615" />
        <source>What happened, in the complainant's words. Never write down a PIN, CVV or expiry date.</source>
        <translation>按投诉人陈述记录事实经过。切勿记录密码、CVV安全码或有效期。</translation>
    </message>
    <message>
        <location filename="../../ui/intake/form.py" line="617" />
        <source>Optional: grounds given by the complainant</source>
        <translation>可选：投诉人提出的理由依据</translation>
    </message>
    <message>
        <location filename="../../ui/intake/form.py" line="619" />
        <source>Save case (Ctrl+S)</source>
        <translation>保存投诉（Ctrl+S）</translation>
    </message>
    <message>
        <location filename="../../ui/intake/form.py" line="621" />
        <source>Draft restored from %1.</source>
        <translation>已恢复 %1 的草稿。</translation>
    </message>
</context>
<context>
    <name>KeyRecoveryDialog</name>
    <message>
        <location filename="../../ui/key_recovery_dialog.py" line="0" />
        <source>Saving the key recovery file: protecting it with the passphrase takes a few seconds…</source>
        <translation>正在保存密钥恢复文件：用口令保护文件需要几秒钟……</translation>
    </message>
    <message>
        <location filename="../../ui/key_recovery_dialog.py" line="0" />
        <source>Save the key recovery file</source>
        <translation>保存密钥恢复文件</translation>
    </message>
    <message>
        <location filename="../../ui/key_recovery_dialog.py" line="0" />
        <source>This desk's keys live only in this computer's keyring. Save them now in a recovery file, protected by a passphrase of at least 12 characters, and keep file and passphrase apart, off this computer. Without it, if the keyring is lost (a new computer, a reinstalled system, a deleted user profile), the audit log can no longer be verified, receipts handed out can no longer be checked and recordings can no longer be proven genuine. An administrator can also save it later with `complaint-desk keys export`.</source>
        <translation>本工作站的密钥只保存在这台电脑的密钥环中。请现在把它们保存到一个恢复文件中，用至少 12 个字符的口令保护，并把文件和口令分开存放在这台电脑以外的地方。没有它，一旦密钥环丢失（更换电脑、重装系统、删除用户配置），审计日志将无法核验，已发出的回执将无法核验，录音录像也将无法证明未被篡改。管理员也可以稍后用 `complaint-desk keys export` 保存。</translation>
    </message>
    <message>
        <location filename="../../ui/key_recovery_dialog.py" line="0" />
        <source>Recovery file</source>
        <translation>恢复文件</translation>
    </message>
    <message>
        <location filename="../../ui/key_recovery_dialog.py" line="0" />
        <source>Passphrase</source>
        <translation>口令</translation>
    </message>
    <message>
        <location filename="../../ui/key_recovery_dialog.py" line="0" />
        <source>Passphrase again</source>
        <translation>再次输入口令</translation>
    </message>
    <message>
        <location filename="../../ui/key_recovery_dialog.py" line="0" />
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../ui/key_recovery_dialog.py" line="0" />
        <source>Save recovery file</source>
        <translation>保存恢复文件</translation>
    </message>
    <message>
        <location filename="../../ui/key_recovery_dialog.py" line="0" />
        <source>Later</source>
        <translation>稍后</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../ui/labels.py" line="24" />
        <location filename="../../ui/labels.py" line="57" />
        <source>Registered</source>
        <translation>已登记</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="25" />
        <location filename="../../ui/labels.py" line="58" />
        <source>Accepted</source>
        <translation>已受理</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="26" />
        <source>In progress</source>
        <translation>处理中</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="27" />
        <source>Paused (appraisal)</source>
        <translation>暂停（鉴定中）</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="28" />
        <source>Decided</source>
        <translation>已作出决定</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="29" />
        <location filename="../../ui/labels.py" line="65" />
        <source>Review requested</source>
        <translation>已申请核查</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="30" />
        <source>Reviewed</source>
        <translation>已核查</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="31" />
        <location filename="../../ui/labels.py" line="67" />
        <source>Closed</source>
        <translation>已办结</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="32" />
        <location filename="../../ui/labels.py" line="68" />
        <source>Withdrawn</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="33" />
        <location filename="../../ui/labels.py" line="69" />
        <source>Declined</source>
        <translation>不予受理</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="37" />
        <source>Accept</source>
        <translation>受理</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="38" />
        <source>Start handling</source>
        <translation>开始办理</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="39" />
        <source>Pause for appraisal</source>
        <translation>鉴定暂停</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="40" />
        <source>Resume</source>
        <translation>恢复计时</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="41" />
        <source>Add new facts</source>
        <translation>新情况、新事实</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="42" />
        <source>Extend deadline</source>
        <translation>延期</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="43" />
        <source>Record decision</source>
        <translation>录入处理决定</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="44" />
        <source>Request review</source>
        <translation>申请核查</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="45" />
        <source>Record review result</source>
        <translation>录入核查结果</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="46" />
        <source>Close case</source>
        <translation>办结</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="47" />
        <source>Withdraw</source>
        <translation>撤回投诉</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="48" />
        <source>Decline</source>
        <translation>不予受理</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="49" />
        <source>Hand over</source>
        <translation>移交</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="50" />
        <source>Add note</source>
        <translation>添加备注</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="51" />
        <source>Record notice</source>
        <translation>记录告知</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="52" />
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="53" />
        <location filename="../../ui/labels.py" line="74" />
        <source>Recording</source>
        <translation>录音录像</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="59" />
        <source>Handling started</source>
        <translation>开始办理</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="60" />
        <source>Paused for appraisal</source>
        <translation>鉴定暂停</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="61" />
        <source>Resumed</source>
        <translation>恢复计时</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="62" />
        <source>New facts (clock restarted)</source>
        <translation>新情况、新事实（重新计时）</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="63" />
        <source>Deadline extended</source>
        <translation>已延期</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="64" />
        <source>Decision recorded</source>
        <translation>已作出处理决定</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="66" />
        <source>Review result recorded</source>
        <translation>已录入核查结果</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="70" />
        <source>Handed over</source>
        <translation>已移交</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="71" />
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="72" />
        <source>Notice given</source>
        <translation>已告知</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="73" />
        <source>Printed</source>
        <translation>已打印</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="78" />
        <source>Receptionist</source>
        <translation>接待员</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="79" />
        <source>Supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="80" />
        <source>Auditor</source>
        <translation>审计员</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="81" />
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="85" />
        <source>Resident ID card</source>
        <translation>居民身份证</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="86" />
        <source>HK/Macau/Taiwan residence permit</source>
        <translation>港澳台居民居住证</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="87" />
        <source>Passport</source>
        <translation>护照</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="88" />
        <source>Mainland travel permit (HK/Macau)</source>
        <translation>港澳居民来往内地通行证</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="89" />
        <source>Mainland travel permit (Taiwan)</source>
        <translation>台湾居民来往大陆通行证</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="90" />
        <source>Foreigner's permanent residence ID</source>
        <translation>外国人永久居留身份证</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="91" />
        <source>Other ID</source>
        <translation>其他证件</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="95" />
        <source>Person</source>
        <translation>个人</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="96" />
        <source>Organisation</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="100" />
        <source>Complainant</source>
        <translation>投诉人</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="101" />
        <source>Proxy</source>
        <translation>代理人</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="102" />
        <source>Representative</source>
        <translation>代表</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="106" />
        <source>Satisfied</source>
        <translation>满意</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="107" />
        <source>Basically satisfied</source>
        <translation>基本满意</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="108" />
        <source>Dissatisfied</source>
        <translation>不满意</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="109" />
        <source>Could not be reached</source>
        <translation>无法联系</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="113" />
        <source>All cases</source>
        <translation>全部案件</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="114" />
        <source>Open</source>
        <translation>未办结</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="115" />
        <source>Overdue</source>
        <translation>已超期</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="116" />
        <source>Due within 3 days</source>
        <translation>3日内到期</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="117" />
        <source>Paused</source>
        <translation>暂停中</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="118" />
        <source>Ended (closed, withdrawn, declined)</source>
        <translation>已终结（办结、撤回、不予受理）</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="122" />
        <source>Channel</source>
        <translation>办理渠道</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="123" />
        <source>Business type</source>
        <translation>业务类别</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="124" />
        <source>Reason</source>
        <translation>投诉原因</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="125" />
        <source>Demand</source>
        <translation>诉求类型</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="129" />
        <source>What was verified</source>
        <translation>核实情况</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="130" />
        <source>Basis and reasons</source>
        <translation>依据和理由</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="131" />
        <source>Outcome</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="132" />
        <source>Remedies</source>
        <translation>救济途径</translation>
    </message>
</context>
<context>
    <name>LetterOffer</name>
    <message>
        <location filename="../../ui/detail/letter_offer.py" line="26" />
        <source>The decision is recorded. The complainant gets it as a decision letter.</source>
        <translation>处理决定已录入，请向投诉人出具处理意见书。</translation>
    </message>
    <message>
        <location filename="../../ui/detail/letter_offer.py" line="28" />
        <source>The deadline is extended. The complainant must be told: extension notice.</source>
        <translation>处理期限已延长，须告知投诉人：延期告知书。</translation>
    </message>
    <message>
        <location filename="../../ui/detail/letter_offer.py" line="30" />
        <source>The clock is paused for appraisal. The complainant must be told: pause notice.</source>
        <translation>因鉴定暂停计时，须告知投诉人：鉴定暂停告知书。</translation>
    </message>
    <message>
        <location filename="../../ui/detail/letter_offer.py" line="32" />
        <source>The complaint is not accepted. The complainant must be told why: not-accepted notice.</source>
        <translation>不予受理，须告知投诉人理由：不予受理告知书。</translation>
    </message>
    <message>
        <location filename="../../ui/detail/letter_offer.py" line="86" />
        <source>Print %1…</source>
        <translation>打印%1…</translation>
    </message>
    <message>
        <location filename="../../ui/detail/letter_offer.py" line="87" />
        <source>Later</source>
        <translation>稍后</translation>
    </message>
    <message>
        <location filename="../../ui/detail/letter_offer.py" line="88" />
        <source>Print it later from the Letters menu</source>
        <translation>稍后可从“告知文书”菜单打印</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="235" />
        <source>Opening the store…</source>
        <translation>正在打开数据…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="238" />
        <location filename="../../ui/main_window.py" line="398" />
        <source>Complaint Desk</source>
        <translation>投诉接待工作站</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="252" />
        <source>Open %1 · Overdue %2 · Due soon %3</source>
        <translation>未办结 %1 · 超期 %2 · 即将到期 %3</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="282" />
        <source>Case %1 registered; due %2.</source>
        <translation>投诉 %1 已登记，办结期限 %2。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="368" />
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="369" />
        <source>Ctrl+N  new case
Ctrl+F  find a case
Enter  open the selected case
Ctrl+S  save the case form
Ctrl+W  close the tab
Ctrl+Tab  next tab
F5  refresh
Ctrl+Shift+O  choose the operator
Ctrl+,  settings
Alt+letter  the underlined field or menu</source>
        <translation>Ctrl+N  新建投诉
Ctrl+F  查找案件
Enter  打开选中的案件
Ctrl+S  保存投诉登记表
Ctrl+W  关闭标签页
Ctrl+Tab  下一个标签页
F5  刷新
Ctrl+Shift+O  选择操作员
Ctrl+,  设置
Alt+字母  跳转到带下划线字母的输入框或菜单</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="375" />
        <source>&amp;New case</source>
        <translation>新建投诉(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="376" />
        <source>Register a new complaint (Ctrl+N)</source>
        <translation>登记新投诉（Ctrl+N）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="377" />
        <source>&amp;Find</source>
        <translation>查找(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="378" />
        <source>Find a case (Ctrl+F)</source>
        <translation>查找案件（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="379" />
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="380" />
        <source>&amp;Close tab</source>
        <translation>关闭标签页(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="381" />
        <source>Next &amp;tab</source>
        <translation>下一个标签页(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="382" />
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="383" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="384" />
        <source>Choose &amp;operator</source>
        <translation>选择操作员(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="385" />
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="386" />
        <source>&amp;Case</source>
        <translation>案件(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="387" />
        <source>&amp;Desk</source>
        <translation>工作站(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="388" />
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="389" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="390" />
        <source>Cases</source>
        <translation>投诉案件</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="391" />
        <source>Operator:</source>
        <translation>操作员：</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="392" />
        <source>Who is working at this desk now (Ctrl+Shift+O)</source>
        <translation>当前在本工作站操作的人员（Ctrl+Shift+O）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="393" />
        <source>Sync: not set up</source>
        <translation>同步：未设置</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="394" />
        <source>Connection to the central ticket service</source>
        <translation>与总行投诉工单系统的连接</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" />
        <source>C&amp;heck a receipt…</source>
        <translation>核验回执(&amp;H)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" />
        <source>Check whether a receipt was issued by this desk: scan its QR code or type its number and code (Ctrl+Shift+R)</source>
        <translation>核验回执是否由本窗口出具：扫描二维码，或输入编号和验证码（Ctrl+Shift+R）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="0" />
        <source>Keys in a plain file</source>
        <translation>密钥存放在明文文件中</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="0" />
        <source>The desk's keys are kept in a plain-file keyring (chosen explicitly, e.g. on a machine without a desktop session): anyone who can read this user's files can read them. Use the system keyring where there is one, and keep the key recovery file safe.</source>
        <translation>本工作站的密钥存放在明文文件密钥环中（已明确选择，例如在没有桌面会话的机器上）：任何能读取该用户文件的人都能读取这些密钥。有系统密钥环时请使用系统密钥环，并妥善保管密钥恢复文件。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1" />
        <source>Close the intake</source>
        <translation>关闭登记</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1" />
        <source>This complaint is not saved as a case yet.</source>
        <translation>本投诉尚未保存为案件。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1" />
        <source>Keep what was typed as a draft for later (only you are offered it), discard it, or go back to the form?</source>
        <translation>将已填写的内容保存为草稿以便稍后继续（仅向您本人提供），还是放弃，或返回表单？</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1" />
        <source>Keep as draft</source>
        <translation>保存为草稿</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1" />
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../ui/messages.py" line="20" />
        <source>Required.</source>
        <translation>必填。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="21" />
        <source>Too long: at most {max} characters.</source>
        <translation>过长：最多 {max} 个字符。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="22" />
        <source>Wrong kind of value.</source>
        <translation>数据类型不正确。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="23" />
        <source>Choose one of the offered values.</source>
        <translation>请从列表中选择。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="24" />
        <source>Not in the classification table: choose from the list.</source>
        <translation>分类表中没有此项，请从列表中选择。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="25" />
        <source>Several entries match: choose one from the list.</source>
        <translation>有多项匹配，请从列表中选择一项。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="26" />
        <source>Unknown field.</source>
        <translation>未知字段。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="27" />
        <source>At most {max} representatives may come in person.</source>
        <translation>现场集体投诉最多推选 {max} 名代表。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="28" />
        <source>Wrong format.</source>
        <translation>格式不正确。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="29" />
        <source>The time needs a time zone.</source>
        <translation>时间须包含时区。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="30" />
        <source>This time lies in the future.</source>
        <translation>该时间晚于当前时间。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="31" />
        <source>An ID number has 18 characters (the last may be X) or 15 digits.</source>
        <translation>身份证号码应为18位（末位可为X）或15位数字。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="32" />
        <source>Check character wrong: should be {expected}. Please re-read the card.</source>
        <translation>校验位错误：应为 {expected}，请重新核对证件。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="33" />
        <source>The birth date {birth_date} in this ID number is not a real date.</source>
        <translation>证件号码中的出生日期 {birth_date} 不是有效日期。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="34" />
        <source>The birth date {birth_date} lies in the future.</source>
        <translation>出生日期 {birth_date} 晚于今天。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="35" />
        <source>A card number has 13 to 19 digits.</source>
        <translation>卡号应为13至19位数字。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="36" />
        <source>Card number fails the check digit (Luhn): please re-read it.</source>
        <translation>卡号校验位（Luhn）不正确，请重新核对。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="37" />
        <source>A mobile number has 11 digits and starts with 13 to 19; a landline is the area code and number, such as 0591-87654321.</source>
        <translation>手机号码为11位数字，以13至19开头；固定电话请填写区号和号码，如 0591-87654321。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="38" />
        <source>A hotline of 5 to 20 digits, e.g. 95588 or 400-820-8888.</source>
        <translation>客服热线为5至20位数字，如 95588 或 400-820-8888。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="38" />
        <source>Not a valid unified social credit code (18 characters).</source>
        <translation>统一社会信用代码（18位）无效。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="39" />
        <source>This area code does not exist in mainland China: please re-check it.</source>
        <translation>该区号在中国大陆不存在，请核对。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="40" />
        <source>Contains a control character ({char}): please retype the text.</source>
        <translation>含有控制字符（{char}），请重新输入。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="41" />
        <source>Must be a single line.</source>
        <translation>只能填写一行。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="42" />
        <source>Contains a text-direction control character ({char}): please retype the text.</source>
        <translation>含有文字方向控制字符（{char}），请重新输入。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="43" />
        <source>Contains a character that is not text ({char}): please retype the text.</source>
        <translation>含有非文本字符（{char}），请重新输入。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="44" />
        <source>Has no visible characters.</source>
        <translation>没有可见字符。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="45" />
        <source>This time lies before {floor}.</source>
        <translation>该时间早于 {floor}。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="39" />
        <source>The handler may not be the staff member complained about: hand the case over first.</source>
        <translation>承办人不得为被投诉员工本人，请先移交。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="40" />
        <source>The case is already with this operator.</source>
        <translation>该投诉已由此人承办。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="41" />
        <source>The second extension needs a supervisor's approval.</source>
        <translation>第二次延期须经主管审批。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="42" />
        <source>The satisfaction follow-up must be done by someone other than the handler.</source>
        <translation>满意度回访须由承办人以外的人员完成。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="43" />
        <source>Extensions go in order: first to 30 days, then to 60 days.</source>
        <translation>须依次延期：先延至30日，再延至60日。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="44" />
        <source>No further extension: 60 days is the last limit.</source>
        <translation>不能再延期：60日为最长时限。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="45" />
        <source>This action is not allowed in the case's current state.</source>
        <translation>案件当前状态下不允许此操作。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="46" />
        <source>Your role does not allow this.</source>
        <translation>您的角色无此权限。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="47" />
        <source>Not found.</source>
        <translation>未找到。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="48" />
        <source>This desk has no identity yet.</source>
        <translation>本工作站尚未设置身份信息。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="49" />
        <source>The store was written by a newer Complaint Desk: install the newer version.</source>
        <translation>数据由更新版本的投诉接待工作站写入，请安装新版本。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="50" />
        <source>Branch code: 2 to 10 letters or digits.</source>
        <translation>机构代码：2至10位字母或数字。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="51" />
        <source>Desk code: 1 to 6 letters or digits.</source>
        <translation>工作站代码：1至6位字母或数字。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="52" />
        <source>Staff number: 1 to 20 letters or digits.</source>
        <translation>工号：1至20位字母或数字。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="53" />
        <source>This staff number exists already.</source>
        <translation>该工号已存在。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="54" />
        <source>Unknown role.</source>
        <translation>未知角色。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="55" />
        <source>Must start with http:// or https://</source>
        <translation>须以 http:// 或 https:// 开头</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="56" />
        <source>A camera number or name, demo, camera:N or file:VIDEO[,AUDIO].</source>
        <translation>应为摄像头编号或名称、demo、camera:N 或 file:视频[,音频]。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="56" />
        <source>The rules file is damaged: ask the administrator.</source>
        <translation>规则文件已损坏，请联系管理员。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="57" />
        <source>The classification table is damaged: ask the administrator.</source>
        <translation>分类表已损坏，请联系管理员。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="58" />
        <source>The holiday file is damaged: ask the administrator.</source>
        <translation>节假日文件已损坏，请联系管理员。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="59" />
        <source>The file cannot be read.</source>
        <translation>无法读取文件。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="60" />
        <source>The file is not valid JSON.</source>
        <translation>文件不是有效的 JSON。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="61" />
        <source>Choose the current operator first (status bar).</source>
        <translation>请先在状态栏选择当前操作员。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="62" />
        <source>Unexpected error: {detail}</source>
        <translation>意外错误：{detail}</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="0" />
        <source>A key of this desk is missing from the keyring while data needs it: restore it from the key recovery file (complaint-desk keys import).</source>
        <translation>本工作站的一个密钥已从密钥环中丢失，而现有数据需要它：请用密钥恢复文件恢复（complaint-desk keys import）。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="0" />
        <source>The receipt key of this desk is missing from the keyring: restore it from the key recovery file (complaint-desk keys import).</source>
        <translation>本工作站的回执密钥已从密钥环中丢失：请用密钥恢复文件恢复（complaint-desk keys import）。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="0" />
        <source>The only keyring here keeps keys in a plain file: start a Secret Service (gnome-keyring, KWallet), or choose the file keyring explicitly (scripts/run does so on a headless machine).</source>
        <translation>本机唯一可用的密钥环以明文文件保存密钥：请启动 Secret Service（gnome-keyring、KWallet），或明确选择文件密钥环（在无桌面的机器上 scripts/run 会这样做）。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="0" />
        <source>No keyring can hold this desk's keys: start a Secret Service (gnome-keyring, KWallet) or ask the administrator.</source>
        <translation>没有可保存本工作站密钥的密钥环：请启动 Secret Service（gnome-keyring、KWallet）或联系管理员。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="0" />
        <source>desk.id in the data folder names another desk than the store: put back this folder's own desk.id.</source>
        <translation>数据文件夹中的 desk.id 指向的工作站与数据库不符：请放回本文件夹自己的 desk.id。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="0" />
        <source>The audit log is broken at entry {seq}: the upgrade refuses to re-seal it. Keep this store for investigation and call the administrator.</source>
        <translation>审计日志在第 {seq} 条处已损坏：升级拒绝重新封存。请保留此数据以备调查，并联系管理员。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="0" />
        <source>At least {min} characters.</source>
        <translation>至少 {min} 个字符。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="0" />
        <source>The two passphrases differ.</source>
        <translation>两次输入的口令不一致。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="1" />
        <source>The satisfaction follow-up is done by staff who work cases; this operator's role only reads.</source>
        <translation>满意度回访须由办理投诉的人员完成；该操作员的角色仅可查阅。</translation>
    </message>
</context>
<context>
    <name>NoticeStep</name>
    <message>
        <location filename="../../ui/recording_notice.py" line="134" />
        <source>The complainant refused to be recorded: %1. No recording is made unless they agree after all.</source>
        <translation>投诉人拒绝录音录像：%1。除非投诉人改变主意同意录制，否则不进行录制。</translation>
    </message>
    <message>
        <location filename="../../ui/recording_notice.py" line="144" />
        <source>Write down why the complainant refuses.</source>
        <translation>请写明投诉人拒绝的原因。</translation>
    </message>
    <message>
        <location filename="../../ui/recording_notice.py" line="161" />
        <source>Choose the current operator first (status bar).</source>
        <translation>请先在状态栏选择当前操作员。</translation>
    </message>
    <message>
        <location filename="../../ui/recording_notice.py" line="178" />
        <source>Before the first recording of this case, tell the complainant that the reception is recorded (point to the sign at the desk and read this out):</source>
        <translation>本投诉单首次录制前，请告知投诉人接待过程将全程录音录像（指引其查看接待台告示，并宣读以下内容）：</translation>
    </message>
    <message>
        <location filename="../../ui/recording_notice.py" line="181" />
        <source>The complainant was told</source>
        <translation>已告知投诉人</translation>
    </message>
    <message>
        <location filename="../../ui/recording_notice.py" line="182" />
        <source>The complainant refuses…</source>
        <translation>投诉人拒绝…</translation>
    </message>
    <message>
        <location filename="../../ui/recording_notice.py" line="183" />
        <source>Why the complainant refuses to be recorded</source>
        <translation>投诉人拒绝录音录像的原因</translation>
    </message>
    <message>
        <location filename="../../ui/recording_notice.py" line="184" />
        <source>Record the refusal</source>
        <translation>记录拒绝</translation>
    </message>
    <message>
        <location filename="../../ui/recording_notice.py" line="185" />
        <source>Ask again</source>
        <translation>重新询问</translation>
    </message>
</context>
<context>
    <name>PartyEditor</name>
    <message>
        <location filename="../../ui/intake/fields.py" line="217" />
        <source>Complainant is</source>
        <translation>投诉人类型</translation>
    </message>
    <message>
        <location filename="../../ui/intake/fields.py" line="218" />
        <source>Organisation name</source>
        <translation>单位名称</translation>
    </message>
    <message>
        <location filename="../../ui/intake/fields.py" line="218" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/intake/fields.py" line="219" />
        <source>ID type</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <location filename="../../ui/intake/fields.py" line="220" />
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <location filename="../../ui/intake/fields.py" line="221" />
        <source>Credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../../ui/intake/fields.py" line="222" />
        <source>Legal representative</source>
        <translation>法定代表人</translation>
    </message>
    <message>
        <location filename="../../ui/intake/fields.py" line="223" />
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location filename="../../ui/intake/fields.py" line="224" />
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../ui/intake/fields.py" line="225" />
        <source>Relation</source>
        <translation>与投诉人关系</translation>
    </message>
    <message>
        <location filename="../../ui/intake/fields.py" line="226" />
        <source>Power of attorney</source>
        <translation>授权委托书</translation>
    </message>
    <message>
        <location filename="../../ui/intake/fields.py" line="227" />
        <source>POA reference</source>
        <translation>委托书编号</translation>
    </message>
    <message>
        <location filename="../../ui/intake/fields.py" line="228" />
        <source>Why not in person</source>
        <translation>本人未能到场原因</translation>
    </message>
    <message>
        <location filename="../../ui/intake/fields.py" line="229" />
        <source>Inheritance proof</source>
        <translation>继承证明</translation>
    </message>
    <message>
        <location filename="../../ui/intake/fields.py" line="233" />
        <source>Signed original seen</source>
        <translation>已核验签字原件</translation>
    </message>
    <message>
        <location filename="../../ui/intake/fields.py" line="234" />
        <source>e.g. spouse, child, lawyer, heir</source>
        <translation>如：配偶、子女、律师、继承人</translation>
    </message>
    <message>
        <location filename="../../ui/intake/fields.py" line="235" />
        <source>Why the complainant could not come</source>
        <translation>投诉人本人未能到场的原因</translation>
    </message>
    <message>
        <location filename="../../ui/intake/fields.py" line="236" />
        <source>Only for heirs: the document shown</source>
        <translation>仅限继承人：出示的证明文件</translation>
    </message>
    <message>
        <location filename="../../ui/intake/fields.py" line="237" />
        <source>Mobile or 0591-87654321</source>
        <translation>手机或 0591-87654321</translation>
    </message>
    <message>
        <location filename="../../ui/intake/fields.py" line="238" />
        <source>18 characters</source>
        <translation>18位</translation>
    </message>
</context>
<context>
    <name>PdfPages</name>
    <message>
        <location filename="../../ui/pdf_pages.py" line="144" />
        <source>Page</source>
        <translation>页码</translation>
    </message>
    <message>
        <location filename="../../ui/pdf_pages.py" line="145" />
        <source>Zoom</source>
        <translation>缩放</translation>
    </message>
    <message>
        <location filename="../../ui/pdf_pages.py" line="146" />
        <source>Fit width</source>
        <translation>适合宽度</translation>
    </message>
    <message>
        <location filename="../../ui/pdf_pages.py" line="147" />
        <source>Whole page</source>
        <translation>整页</translation>
    </message>
    <message>
        <location filename="../../ui/pdf_pages.py" line="148" />
        <source>Previous page</source>
        <translation>上一页</translation>
    </message>
    <message>
        <location filename="../../ui/pdf_pages.py" line="149" />
        <source>Next page</source>
        <translation>下一页</translation>
    </message>
    <message>
        <location filename="../../ui/pdf_pages.py" line="150" />
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <location filename="../../ui/pdf_pages.py" line="151" />
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
</context>
<context>
    <name>PlaybackDialog</name>
    <message>
        <location filename="../../ui/playback.py" line="64" />
        <source>The recording cannot be played: %1</source>
        <translation>无法播放该录音录像：%1</translation>
    </message>
    <message>
        <location filename="../../ui/playback.py" line="88" />
        <source>Recording %1</source>
        <translation>录音录像 %1</translation>
    </message>
    <message>
        <location filename="../../ui/playback.py" line="90" />
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../ui/playback.py" line="90" />
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <location filename="../../ui/playback.py" line="91" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../ui/playback.py" line="92" />
        <source>Case %1 · SHA-256 %2 · This playback is written to the audit log.</source>
        <translation>投诉单 %1 · SHA-256 %2 · 本次回放已记入审计日志。</translation>
    </message>
</context>
<context>
    <name>PrintPreview</name>
    <message>
        <location filename="../../ui/print_preview.py" line="33" />
        <source>Choose the current operator first (status bar).</source>
        <translation>请先在状态栏选择当前操作员。</translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="34" />
        <source>Preparing the document…</source>
        <translation>正在生成文档…</translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="35" />
        <source>Printing… the copy counts once the printer has taken it.</source>
        <translation>正在打印……打印机接收后才计入打印次数。</translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="36" />
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="37" />
        <source>Saved as %1 (copy %2). Shown now: the next copy, marked 补打.</source>
        <translation>已保存为 %1（第 %2 份）。现在显示的是下一份（补打）。</translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="38" />
        <source>Printed on %1 (copy %2). Shown now: the next copy, marked 补打.</source>
        <translation>已在 %1 打印（第 %2 份）。现在显示的是下一份（补打）。</translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="57" />
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="58" />
        <source>PDF documents (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="187" />
        <source>Print %1</source>
        <translation>打印 %1</translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="285" />
        <source>Print preview: %1 %2</source>
        <translation>打印预览：%1 %2</translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="287" />
        <source>Copy %1 · marked 补打 (reprint)</source>
        <translation>第 %1 份 · 补打</translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="294" />
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="295" />
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="296" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="312" />
        <source>How this letter reaches the complainant (recorded as a notice)</source>
        <translation>本文书送达投诉人的方式（作为告知记录留存）</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <location filename="../../ui/printing.py" line="51" />
        <source>Receipt</source>
        <translation>受理回执</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="52" />
        <source>Case report</source>
        <translation>投诉处理档案</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="57" />
        <source>Printing was cancelled. This copy is not counted.</source>
        <translation>打印已取消，本份不计入打印次数。</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="58" />
        <source>Printing failed: the printer {printer} could not be opened. This copy is not counted.</source>
        <translation>打印失败：无法打开打印机 {printer}。本份不计入打印次数。</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="60" />
        <source>Printing failed: the printer {printer} reported an error. This copy is not counted.</source>
        <translation>打印失败：打印机 {printer} 报告错误。本份不计入打印次数。</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="62" />
        <source>Printing failed: the printer {printer} did not complete job {job}. This copy is not counted.</source>
        <translation>打印失败：打印机 {printer} 未完成打印作业 {job}。本份不计入打印次数。</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="64" />
        <source>The document could not be read. Nothing was printed or counted.</source>
        <translation>无法读取文档，未打印，也未计数。</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="65" />
        <source>Saving failed: {detail}. This copy is not counted.</source>
        <translation>保存失败：{detail}。本份不计入打印次数。</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="66" />
        <source>No receipt printer is set in the settings (Printing tab), and this computer has no default printer.</source>
        <translation>设置中未指定回执打印机（“打印”页），本机也没有默认打印机。</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="68" />
        <source>The printer {printer} is not available on this computer.</source>
        <translation>本机找不到打印机 {printer}。</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="69" />
        <source>The desk's receipt key cannot be read from the keyring, so no receipt can be made.</source>
        <translation>无法从密钥环读取本工作站的回执密钥，不能生成回执。</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" />
        <source>The desk's receipt key in the keyring is damaged, so no receipt can be made: the administrator restores it from the key backup.</source>
        <translation>密钥环中本工作站的回执密钥已损坏，不能生成回执：请管理员从密钥备份中恢复。</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="61" />
        <source>Decision letter</source>
        <translation>处理意见书</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="62" />
        <source>Extension notice</source>
        <translation>延期告知书</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="63" />
        <source>Appraisal pause notice</source>
        <translation>鉴定暂停告知书</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="64" />
        <source>Not-accepted notice</source>
        <translation>不予受理告知书</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="71" />
        <source>Handed over in person (the complainant signs)</source>
        <translation>当面送达（投诉人签收）</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="72" />
        <source>Sent by post</source>
        <translation>邮寄送达</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="73" />
        <source>Sent by SMS</source>
        <translation>短信告知</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="74" />
        <source>Read out by phone</source>
        <translation>电话告知</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="75" />
        <source>Not handed over yet (file copy)</source>
        <translation>暂未送达（存档副本）</translation>
    </message>
</context>
<context>
    <name>ReceiptAfterSave</name>
    <message>
        <location filename="../../ui/case_documents.py" line="178" />
        <source>Printing the receipt of %1…</source>
        <translation>正在打印 %1 的受理回执…</translation>
    </message>
    <message>
        <location filename="../../ui/case_documents.py" line="183" />
        <source>Receipt of %1 printed on %2.</source>
        <translation>%1 的受理回执已在 %2 打印。</translation>
    </message>
    <message>
        <location filename="../../ui/case_documents.py" line="189" />
        <source>The receipt of %1 was not printed.</source>
        <translation>%1 的受理回执未打印。</translation>
    </message>
    <message>
        <location filename="../../ui/case_documents.py" line="191" />
        <source>Receipt not printed</source>
        <translation>回执未打印</translation>
    </message>
    <message>
        <location filename="../../ui/case_documents.py" line="192" />
        <source>Open the print preview to print it from there?</source>
        <translation>是否打开打印预览，从预览中打印？</translation>
    </message>
    <message>
        <location filename="../../ui/case_documents.py" line="193" />
        <source>Preview…</source>
        <translation>预览…</translation>
    </message>
    <message>
        <location filename="../../ui/case_documents.py" line="194" />
        <source>Not now</source>
        <translation>暂不</translation>
    </message>
</context>
<context>
    <name>ReceiptCheckDialog</name>
    <message>
        <location filename="../../ui/receipt_check.py" />
        <source>Choose the current operator first (status bar).</source>
        <translation>请先在状态栏选择当前操作员。</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_check.py" />
        <source>Scan the receipt's QR code, or type its case number and code.</source>
        <translation>请扫描回执二维码，或输入投诉编号和验证码。</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_check.py" />
        <source>This is not a receipt code: scan the QR code, or type the case number and the code printed beside it (e.g. 0591-W01-20261202-0001 2PVM-IHIA).</source>
        <translation>无法识别为回执：请扫描二维码，或输入投诉编号及其旁边印的验证码（例如 0591-W01-20261202-0001 2PVM-IHIA）。</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_check.py" />
        <source>The desk's receipt key cannot be read from the keyring, so no receipt can be checked.</source>
        <translation>无法从系统密钥环读取本窗口的回执密钥，无法核验回执。</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_check.py" />
        <source>The desk's receipt key in the keyring is damaged, so no receipt can be checked: the administrator restores it from the key backup.</source>
        <translation>密钥环中本窗口的回执密钥已损坏，无法核验回执：请管理员从密钥备份中恢复。</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_check.py" />
        <source>Genuine receipt</source>
        <translation>回执真实：由本窗口出具</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_check.py" />
        <source>NOT genuine: the code does not match the receipt this desk issued</source>
        <translation>回执不真实：验证码与本窗口出具的回执不符</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_check.py" />
        <source>Unknown case: no case with this number at this desk</source>
        <translation>未知案件：本窗口没有该编号的案件</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_check.py" />
        <source>Case %1</source>
        <translation>投诉编号 %1</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_check.py" />
        <source>Received %1 (Beijing time)</source>
        <translation>受理时间 %1（北京时间）</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_check.py" />
        <source>State: %1</source>
        <translation>状态：%1</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_check.py" />
        <source>Check a receipt (核验回执)</source>
        <translation>核验回执</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_check.py" />
        <source>&amp;Scan the QR code of the receipt, or type its case number and the code printed beside it, then press Enter.</source>
        <translation>扫描回执二维码，或输入投诉编号和旁边印的验证码，然后按回车(&amp;S)。</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_check.py" />
        <source>e.g. 0591-W01-20261202-0001 2PVM-IHIA</source>
        <translation>例如 0591-W01-20261202-0001 2PVM-IHIA</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_check.py" />
        <source>Check</source>
        <translation>核验</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_check.py" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>RecordingDesk</name>
    <message>
        <location filename="../../ui/recording_desk.py" line="116" />
        <source>Recording in progress</source>
        <translation>正在录音录像</translation>
    </message>
    <message>
        <location filename="../../ui/recording_desk.py" line="117" />
        <source>Case {number} is being recorded. Stop the recording, save it to the case and close?</source>
        <translation>投诉单 {number} 正在录音录像。是否停止录制、保存到投诉单后关闭？</translation>
    </message>
    <message>
        <location filename="../../ui/recording_desk.py" line="120" />
        <source>Stop, save and close</source>
        <translation>停止、保存并关闭</translation>
    </message>
    <message>
        <location filename="../../ui/recording_desk.py" line="121" />
        <source>Keep recording</source>
        <translation>继续录制</translation>
    </message>
    <message>
        <location filename="../../ui/recording_desk.py" line="156" />
        <source>Recovered {count} unfinished recording(s) ({seconds} s) after an unexpected end and put them on their cases: {numbers}</source>
        <translation>程序意外中断后已恢复 {count} 段未完成的录音录像（共 {seconds} 秒），并已归入对应投诉单：{numbers}</translation>
    </message>
    <message>
        <location filename="../../ui/recording_desk.py" line="166" />
        <source>{count} foreign file(s) in the recordings folder were not started by this desk and were left alone: {names}</source>
        <translation>录音录像文件夹中有 {count} 个外来文件（并非本工作站录制），未作任何处理：{names}</translation>
    </message>
    <message>
        <location filename="../../ui/recording_desk.py" line="170" />
        <source>{count} recording(s) could not be recovered and were left as they are: {names}</source>
        <translation>{count} 段录音录像无法恢复，已原样保留：{names}</translation>
    </message>
    <message>
        <location filename="../../ui/recording_desk.py" line="168" />
        <source>Unfinished recordings could not be recovered: {detail}</source>
        <translation>未完成的录音录像无法恢复：{detail}</translation>
    </message>
</context>
<context>
    <name>RecordingList</name>
    <message>
        <location filename="../../ui/recording_widgets.py" line="213" />
        <source>recovered after an unexpected end</source>
        <translation>意外中断后恢复</translation>
    </message>
    <message>
        <location filename="../../ui/recording_widgets.py" line="215" />
        <source>ended early: %1</source>
        <translation>提前结束：%1</translation>
    </message>
    <message>
        <location filename="../../ui/recording_widgets.py" line="233" />
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <location filename="../../ui/recording_widgets.py" line="233" />
        <source>Length</source>
        <translation>时长</translation>
    </message>
    <message>
        <location filename="../../ui/recording_widgets.py" line="233" />
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../../ui/recording_widgets.py" line="234" />
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <location filename="../../ui/recording_widgets.py" line="234" />
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>RecordingMessages</name>
    <message>
        <location filename="../../ui/recording_texts.py" line="26" />
        <source>Not enough free disk space to start: room for only {minutes_left} minutes of recording. Free some space or call the administrator.</source>
        <translation>磁盘空间不足，无法开始录制：剩余空间仅够录制 {minutes_left} 分钟。请清理空间或联系管理员。</translation>
    </message>
    <message>
        <location filename="../../ui/recording_texts.py" line="29" />
        <source>No {device_kind} found ({device}). Check that it is plugged in, or choose another one in Settings.</source>
        <translation>未找到{device_kind}（{device}）。请检查是否已连接，或在“设置”中选择其他设备。</translation>
    </message>
    <message>
        <location filename="../../ui/recording_texts.py" line="32" />
        <source>The {device_kind} stopped working while starting. Check the cable and try again.</source>
        <translation>{device_kind}在启动时停止工作。请检查连接线后重试。</translation>
    </message>
    <message>
        <location filename="../../ui/recording_texts.py" line="34" />
        <source>The recording file cannot be written ({file}). Check the recordings folder and the disk.</source>
        <translation>无法写入录制文件（{file}）。请检查录音录像文件夹和磁盘。</translation>
    </message>
    <message>
        <location filename="../../ui/recording_texts.py" line="37" />
        <source>The camera setting is not valid: choose the camera again in Settings.</source>
        <translation>摄像头设置无效：请在“设置”中重新选择摄像头。</translation>
    </message>
    <message>
        <location filename="../../ui/recording_texts.py" line="39" />
        <source>The key that signs recordings cannot be read from the system keyring: call the administrator.</source>
        <translation>无法从系统密钥环读取录音录像签名密钥：请联系管理员。</translation>
    </message>
    <message>
        <location filename="../../ui/recording_texts.py" line="42" />
        <source>The key that signs this desk's recordings is missing from the system keyring. Recording is stopped until the administrator restores it from the key backup.</source>
        <translation>系统密钥环中缺少本工作站的录音录像签名密钥。在管理员从密钥备份中恢复该密钥之前，无法录制。</translation>
    </message>
    <message>
        <location filename="../../ui/recording_texts.py" />
        <source>The key that signs this desk's recordings is damaged in the system keyring. Recording is stopped until the administrator restores it from the key backup.</source>
        <translation>系统密钥环中本工作站的录音录像签名密钥已损坏。在管理员从密钥备份中恢复该密钥之前，无法录制。</translation>
    </message>
    <message>
        <location filename="../../ui/recording_texts.py" line="42" />
        <source>Confirm first that the complainant was told about the recording.</source>
        <translation>请先确认已告知投诉人将进行录音录像。</translation>
    </message>
    <message>
        <location filename="../../ui/recording_texts.py" line="44" />
        <source>Case {case_number} is being recorded: stop that recording first (one camera, one recording at a time).</source>
        <translation>投诉单 {case_number} 正在录制：请先停止该录制（一台摄像头同一时间只能录制一段）。</translation>
    </message>
    <message>
        <location filename="../../ui/recording_texts.py" line="47" />
        <source>The recording file {file} is missing from the recordings folder.</source>
        <translation>录音录像文件夹中找不到文件 {file}。</translation>
    </message>
    <message>
        <location filename="../../ui/recording_texts.py" line="49" />
        <source>Nothing was recorded: no picture came from the camera.</source>
        <translation>未录制到任何内容：摄像头没有传来画面。</translation>
    </message>
    <message>
        <location filename="../../ui/recording_texts.py" line="55" />
        <source>The recording stopped early: free disk space ran low ({minutes_left} minutes left). Everything recorded until then is kept.</source>
        <translation>录制已提前停止：磁盘剩余空间不足（仅够 {minutes_left} 分钟）。此前录制的内容已全部保留。</translation>
    </message>
    <message>
        <location filename="../../ui/recording_texts.py" line="58" />
        <source>The recording ended early: the {device_kind} was disconnected. Everything recorded until then is kept.</source>
        <translation>录制已提前结束：{device_kind}已断开。此前录制的内容已全部保留。</translation>
    </message>
    <message>
        <location filename="../../ui/recording_texts.py" line="61" />
        <source>The recording ended early: the disk refused to write (it may be full). Everything recorded until then is kept, signed and attached to the case.</source>
        <translation>录制已提前结束：磁盘拒绝写入（可能已满）。此前录制的全部内容已保留、签名并归入投诉单。</translation>
    </message>
    <message>
        <location filename="../../ui/recording_texts.py" line="64" />
        <source>The recording ended: the source file ran out.</source>
        <translation>录制已结束：源文件已播放完毕。</translation>
    </message>
    <message>
        <location filename="../../ui/recording_texts.py" line="65" />
        <source>The recording ended early because of an unexpected error ({detail}). What was recorded is kept.</source>
        <translation>录制因意外错误提前结束（{detail}）。已录制的内容已保留。</translation>
    </message>
    <message>
        <location filename="../../ui/recording_texts.py" line="72" />
        <source>disk space ran low</source>
        <translation>磁盘空间不足</translation>
    </message>
    <message>
        <location filename="../../ui/recording_texts.py" line="73" />
        <source>device disconnected</source>
        <translation>设备断开</translation>
    </message>
    <message>
        <location filename="../../ui/recording_texts.py" line="74" />
        <source>disk refused to write</source>
        <translation>磁盘写入失败</translation>
    </message>
    <message>
        <location filename="../../ui/recording_texts.py" line="75" />
        <source>source ended</source>
        <translation>源已结束</translation>
    </message>
    <message>
        <location filename="../../ui/recording_texts.py" line="76" />
        <source>unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <location filename="../../ui/recording_texts.py" line="81" />
        <source>complainant told about the recording</source>
        <translation>已告知投诉人录音录像</translation>
    </message>
    <message>
        <location filename="../../ui/recording_texts.py" line="82" />
        <source>complainant refused the recording</source>
        <translation>投诉人拒绝录音录像</translation>
    </message>
    <message>
        <location filename="../../ui/recording_texts.py" line="83" />
        <source>recording {file}, {length}, SHA-256 {hash}…</source>
        <translation>录音录像 {file}，{length}，SHA-256 {hash}…</translation>
    </message>
    <message>
        <location filename="../../ui/recording_texts.py" line="84" />
        <source>recording {file} recovered after an unexpected end, {length}, SHA-256 {hash}…</source>
        <translation>录音录像 {file}（意外中断后恢复），{length}，SHA-256 {hash}…</translation>
    </message>
    <message>
        <location filename="../../ui/recording_texts.py" line="89" />
        <source>camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <location filename="../../ui/recording_texts.py" line="90" />
        <source>microphone</source>
        <translation>麦克风</translation>
    </message>
    <message>
        <location filename="../../ui/recording_texts.py" line="91" />
        <source>video file</source>
        <translation>视频文件</translation>
    </message>
    <message>
        <location filename="../../ui/recording_texts.py" line="92" />
        <source>audio file</source>
        <translation>音频文件</translation>
    </message>
    <message>
        <location filename="../../ui/recording_texts.py" line="96" />
        <source>the system's default microphone</source>
        <translation>系统默认麦克风</translation>
    </message>
    <message>
        <location filename="../../ui/recording_texts.py" line="155" />
        <source>The recording is saved as {file} but could not be put on the case: {detail}</source>
        <translation>录音录像已保存为 {file}，但未能归入投诉单：{detail}</translation>
    </message>
</context>
<context>
    <name>RecordingPanel</name>
    <message>
        <location filename="../../ui/recording_panel.py" line="179" />
        <location filename="../../ui/recording_panel.py" line="306" />
        <source>Choose the current operator first (status bar).</source>
        <translation>请先在状态栏选择当前操作员。</translation>
    </message>
    <message>
        <location filename="../../ui/recording_panel.py" line="183" />
        <source>Starting the camera…</source>
        <translation>正在启动摄像头…</translation>
    </message>
    <message>
        <location filename="../../ui/recording_panel.py" line="235" />
        <source>Dropped frames: %1</source>
        <translation>丢帧：%1</translation>
    </message>
    <message>
        <location filename="../../ui/recording_panel.py" line="239" />
        <source>REC</source>
        <translation>录制中</translation>
    </message>
    <message>
        <location filename="../../ui/recording_panel.py" line="239" />
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location filename="../../ui/recording_panel.py" line="239" />
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <location filename="../../ui/recording_panel.py" line="240" />
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location filename="../../ui/recording_panel.py" line="242" />
        <source>Not recording</source>
        <translation>未录制</translation>
    </message>
    <message>
        <location filename="../../ui/recording_panel.py" line="253" />
        <location filename="../../ui/recording_panel.py" line="386" />
        <source>The camera picture shows here while recording.</source>
        <translation>录制时此处显示摄像头画面。</translation>
    </message>
    <message>
        <location filename="../../ui/recording_panel.py" line="272" />
        <source>Saved on the case: %1, %2, SHA-256 %3…</source>
        <translation>已保存到投诉单：%1，%2，SHA-256 %3…</translation>
    </message>
    <message>
        <location filename="../../ui/recording_panel.py" line="303" />
        <source>Choose a recording in the list first.</source>
        <translation>请先在列表中选择一段录音录像。</translation>
    </message>
    <message>
        <location filename="../../ui/recording_panel.py" line="344" />
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../../ui/recording_panel.py" line="344" />
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../ui/recording_panel.py" line="348" />
        <source>Picture: %1 × %2 at %3 fps</source>
        <translation>画面：%1 × %2，%3 帧/秒</translation>
    </message>
    <message>
        <location filename="../../ui/recording_panel.py" line="350" />
        <source>Camera: %1</source>
        <translation>摄像头：%1</translation>
    </message>
    <message>
        <location filename="../../ui/recording_panel.py" line="351" />
        <source>Microphone: %1</source>
        <translation>麦克风：%1</translation>
    </message>
    <message>
        <location filename="../../ui/recording_panel.py" line="354" />
        <source>Demo mode: no camera or microphone was found, so a demo source (test picture, tone) stands in and this recording does not show the desk.</source>
        <translation>演示模式：未找到摄像头或麦克风，正以演示源（测试画面、提示音）代替，本次录制不包含接待现场。</translation>
    </message>
    <message>
        <location filename="../../ui/recording_panel.py" line="357" />
        <source>Demo sources (test picture, tone) are chosen in Settings: this recording does not show the desk.</source>
        <translation>“设置”中选择了演示源（测试画面、提示音）：本次录制不包含接待现场。</translation>
    </message>
    <message>
        <location filename="../../ui/recording_panel.py" line="373" />
        <source>Recordings of this case (%1)</source>
        <translation>本投诉单的录音录像（%1）</translation>
    </message>
    <message>
        <location filename="../../ui/recording_panel.py" line="374" />
        <source>No recordings yet.</source>
        <translation>暂无录音录像。</translation>
    </message>
    <message>
        <location filename="../../ui/recording_panel.py" line="378" />
        <source>Recording (audio and video)</source>
        <translation>录音录像</translation>
    </message>
    <message>
        <location filename="../../ui/recording_panel.py" line="379" />
        <source>Sound</source>
        <translation>声音</translation>
    </message>
    <message>
        <location filename="../../ui/recording_panel.py" line="380" />
        <source>Sound level</source>
        <translation>音量</translation>
    </message>
    <message>
        <location filename="../../ui/recording_panel.py" line="381" />
        <source>Start recording</source>
        <translation>开始录制</translation>
    </message>
    <message>
        <location filename="../../ui/recording_panel.py" line="382" />
        <source>Stop and save</source>
        <translation>停止并保存</translation>
    </message>
    <message>
        <location filename="../../ui/recording_panel.py" line="383" />
        <source>Put it on the case again</source>
        <translation>重新归入投诉单</translation>
    </message>
    <message>
        <location filename="../../ui/recording_panel.py" line="384" />
        <source>Play</source>
        <translation>播放</translation>
    </message>
</context>
<context>
    <name>RelatedCasesPanel</name>
    <message>
        <location filename="../../ui/intake/related.py" line="59" />
        <source>same ID number</source>
        <translation>证件号码相同</translation>
    </message>
    <message>
        <location filename="../../ui/intake/related.py" line="59" />
        <source>same phone</source>
        <translation>电话相同</translation>
    </message>
    <message>
        <location filename="../../ui/intake/related.py" line="61" />
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location filename="../../ui/intake/related.py" line="65" />
        <source>Merge into this case</source>
        <translation>并入此案</translation>
    </message>
    <message>
        <location filename="../../ui/intake/related.py" line="66" />
        <source>A repeat inside the handling period: add the facts typed here to this case as new facts (its clock restarts) instead of opening a new case.</source>
        <translation>处理期限内的重复投诉：将此处录入的事实作为新情况并入该案（重新计时），不另立新案。</translation>
    </message>
    <message>
        <location filename="../../ui/intake/related.py" line="80" />
        <source>This person has %1 earlier case(s), %2 still open. A repeat of the same complaint inside the handling period can be merged.</source>
        <translation>此人已有 %1 件投诉，其中 %2 件尚未办结。处理期限内的同一投诉可合并处理。</translation>
    </message>
    <message>
        <location filename="../../ui/intake/related.py" line="84" />
        <source>This person has %1 earlier case(s), all ended.</source>
        <translation>此人已有 %1 件投诉，均已终结。</translation>
    </message>
</context>
<context>
    <name>RepresentativesEditor</name>
    <message>
        <location filename="../../ui/intake/fields.py" line="359" />
        <source>Add representative</source>
        <translation>添加代表</translation>
    </message>
    <message>
        <location filename="../../ui/intake/fields.py" line="360" />
        <source>Remove last</source>
        <translation>删除最后一名</translation>
    </message>
    <message>
        <location filename="../../ui/intake/fields.py" line="361" />
        <source>At most %1 representatives may come in person.</source>
        <translation>现场集体投诉最多推选 %1 名代表。</translation>
    </message>
    <message>
        <location filename="../../ui/intake/fields.py" line="364" />
        <source>Representative %1</source>
        <translation>代表 %1</translation>
    </message>
</context>
<context>
    <name>RevealDialog</name>
    <message>
        <location filename="../../ui/detail/view.py" line="57" />
        <source>Show personal data</source>
        <translation>显示个人信息</translation>
    </message>
    <message>
        <location filename="../../ui/detail/view.py" line="58" />
        <source>Personal data of case %1 is shown unmasked only for a reason, and the viewing is written to the audit log. Why do you need it?</source>
        <translation>案件 %1 的个人信息仅在有正当理由时显示明文，查看行为将记入审计日志。请说明查看原因：</translation>
    </message>
    <message>
        <location filename="../../ui/detail/view.py" line="61" />
        <source>e.g. call-back to verify identity</source>
        <translation>如：回拨核实身份</translation>
    </message>
    <message>
        <location filename="../../ui/detail/view.py" line="62" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/detail/view.py" line="63" />
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <location filename="../../ui/detail/view.py" line="73" />
        <source>Choose the current operator first (status bar).</source>
        <translation>请先在状态栏选择当前操作员。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/settings_dialog.py" line="230" />
        <location filename="../../ui/settings_dialog.py" line="263" />
        <source>Choose the current operator first (status bar).</source>
        <translation>请先在状态栏选择当前操作员。</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="287" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="288" />
        <source>Desk</source>
        <translation>工作站</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="288" />
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="288" />
        <source>Printing</source>
        <translation>打印</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="288" />
        <source>Recording</source>
        <translation>录音录像</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="289" />
        <source>Central service</source>
        <translation>总行服务</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="289" />
        <source>Operators</source>
        <translation>操作员</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="292" />
        <source>Branch code</source>
        <translation>机构代码</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="292" />
        <source>Branch name</source>
        <translation>机构名称</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="293" />
        <source>Desk code</source>
        <translation>工作站代码</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="293" />
        <source>Bank name</source>
        <translation>银行名称</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="294" />
        <source>Hotline on receipts</source>
        <translation>回执上的客服热线</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="295" />
        <source>Branch contact on receipts</source>
        <translation>回执上的网点联系方式</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="296" />
        <source>Interface language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="296" />
        <source>Receipt paper</source>
        <translation>回执纸张</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="297" />
        <source>After saving a case</source>
        <translation>保存投诉后</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="298" />
        <source>Printer for receipts</source>
        <translation>回执打印机</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="299" />
        <source>Printer for case reports</source>
        <translation>案件报告打印机</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="300" />
        <source>Printer for decision letters</source>
        <translation>处理意见书打印机</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="301" />
        <source>Printer for notices</source>
        <translation>告知书打印机</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="301" />
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="302" />
        <source>Microphone</source>
        <translation>麦克风</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="302" />
        <source>Recording notice</source>
        <translation>录音录像告知语</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="303" />
        <source>Central service URL</source>
        <translation>总行服务地址</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="303" />
        <source>Staff number</source>
        <translation>工号</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="304" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="304" />
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="308" />
        <source>print the receipt at once, without a print dialog</source>
        <translation>直接打印回执，不弹出打印对话框</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="309" />
        <source>Branch and desk codes are part of new case numbers; existing cases keep their numbers.</source>
        <translation>机构代码和工作站代码是新案件编号的一部分；已有案件编号不变。</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="312" />
        <source>System default</source>
        <translation>系统默认</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="313" />
        <source>Add operator</source>
        <translation>添加操作员</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="314" />
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="315" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <location filename="../../ui/setup_dialog.py" line="144" />
        <source>Customer hotline</source>
        <translation>客服热线</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="145" />
        <source>Branch contact</source>
        <translation>受理网点联系方式</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="152" />
        <source>Printed on receipts, e.g. 95588</source>
        <translation>打印在回执上，如 95588</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="153" />
        <source>Address and phone printed on receipts</source>
        <translation>打印在回执上的网点地址和电话</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="109" />
        <source>Set up this desk</source>
        <translation>设置本工作站</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="110" />
        <source>This desk has no identity yet. Its branch and desk codes become part of every case number (e.g. 0591-W01-20261126-0007) and cannot be reused by another desk.</source>
        <translation>本工作站尚未设置身份信息。机构代码和工作站代码将成为每个案件编号的一部分（如 0591-W01-20261126-0007），不得与其他工作站重复。</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="112" />
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="112" />
        <source>Branch code</source>
        <translation>机构代码</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="113" />
        <source>Branch name</source>
        <translation>机构名称</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="113" />
        <source>Desk code</source>
        <translation>工作站代码</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="114" />
        <source>Bank name</source>
        <translation>银行名称</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="114" />
        <source>Your staff number</source>
        <translation>您的工号</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="115" />
        <source>Your name</source>
        <translation>您的姓名</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="118" />
        <source>e.g. 0591</source>
        <translation>如 0591</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="119" />
        <source>e.g. 福州分行营业部</source>
        <translation>如 福州分行营业部</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="120" />
        <source>e.g. W01</source>
        <translation>如 W01</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="121" />
        <source>Printed on receipts</source>
        <translation>打印在回执上</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="122" />
        <source>Set up</source>
        <translation>完成设置</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="123" />
        <source>Quit</source>
        <translation>退出</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <location filename="../../ui/detail/panels.py" line="181" />
        <source>to %1 days</source>
        <translation>延至 %1 日</translation>
    </message>
    <message>
        <location filename="../../ui/detail/panels.py" line="183" />
        <source>approved by %1</source>
        <translation>审批人 %1</translation>
    </message>
    <message>
        <location filename="../../ui/detail/panels.py" line="188" />
        <source>follow-up by %1</source>
        <translation>回访人 %1</translation>
    </message>
    <message>
        <location filename="../../ui/detail/panels.py" line="190" />
        <source>first responder %1</source>
        <translation>首问责任人 %1</translation>
    </message>
    <message>
        <location filename="../../ui/detail/panels.py" line="196" />
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/detail/panels.py" line="196" />
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <location filename="../../ui/detail/panels.py" line="196" />
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../../ui/detail/panels.py" line="196" />
        <source>Details</source>
        <translation>详情</translation>
    </message>
</context>
<context>
    <name>SurveyorChoice</name>
    <message>
        <location filename="../../ui/detail/surveyor.py" line="1" />
        <source>The follow-up is done by someone other than the case's handler (%1).</source>
        <translation>回访须由本案承办人（%1）以外的人员完成。</translation>
    </message>
    <message>
        <location filename="../../ui/detail/surveyor.py" line="1" />
        <source>Nobody at this desk may do the follow-up: it must not be the case's handler (%1), and an auditor cannot do it. Another operator who works cases is needed.</source>
        <translation>本工作站暂无可做回访的人员：回访人不得为本案承办人（%1），审计人员也不能回访。需要另一位办理投诉的操作员。</translation>
    </message>
    <message>
        <location filename="../../ui/detail/surveyor.py" line="1" />
        <source>Add one with the button below, then choose them here.</source>
        <translation>请用下方按钮添加操作员，再在此选择。</translation>
    </message>
    <message>
        <location filename="../../ui/detail/surveyor.py" line="1" />
        <source>Ask the administrator to add one (Settings, Operators), then choose them here.</source>
        <translation>请管理员添加操作员（设置 › 操作员），再在此选择。</translation>
    </message>
    <message>
        <location filename="../../ui/detail/surveyor.py" line="1" />
        <source>I did the follow-up</source>
        <translation>由我回访</translation>
    </message>
    <message>
        <location filename="../../ui/detail/surveyor.py" line="1" />
        <source>Add an operator…</source>
        <translation>添加操作员…</translation>
    </message>
</context>
<context>
    <name>DraftOffer</name>
    <message>
        <location filename="../../ui/intake/draft_offer.py" line="1" />
        <source>An unsaved intake you started at %1 is kept. Restore it only when that complainant is at the desk.</source>
        <translation>您于%1开始的一份未保存登记已保留为草稿。请仅在该投诉人在场时恢复。</translation>
    </message>
    <message>
        <location filename="../../ui/intake/draft_offer.py" line="1" />
        <source>Restore draft</source>
        <translation>恢复草稿</translation>
    </message>
    <message>
        <location filename="../../ui/intake/draft_offer.py" line="1" />
        <source>Discard it</source>
        <translation>放弃草稿</translation>
    </message>
</context>
<context>
    <name>TaskProgressDialog</name>
    <message>
        <location filename="../../ui/task_progress.py" line="0" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
</TS>
