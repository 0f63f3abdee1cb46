<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>CaseTableModel</name>
    <message numerus="yes">
        <location filename="../../ui/case_model.py" line="363" />
        <source>Overdue by %n day(s)</source>
        <translation><numerusform>Overdue by %n day</numerusform><numerusform>Overdue by %n days</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/case_model.py" line="369" />
        <source>%n day(s) left</source>
        <translation><numerusform>%n day left</numerusform><numerusform>%n days left</numerusform></translation>
    </message>
</context>
<context>
    <name>DeadlinePanel</name>
    <message numerus="yes">
        <location filename="../../ui/detail/panels.py" line="102" />
        <source>Due soon: %n day(s) left.</source>
        <translation><numerusform>Due soon: %n day left.</numerusform><numerusform>Due soon: %n days left.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/detail/panels.py" line="106" />
        <source>%n day(s) left.</source>
        <translation><numerusform>%n day left.</numerusform><numerusform>%n days left.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/detail/panels.py" line="122" />
        <source>%n day(s)</source>
        <translation><numerusform>%n day</numerusform><numerusform>%n days</numerusform></translation>
    </message>
</context>
</TS>
