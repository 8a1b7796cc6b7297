<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>BalancesPage</name>
    <message numerus="yes">
        <location filename="../ui/pages/balancespage.cpp" line="+283"/>
        <source>every %n second(s) while shown</source>
        <translation>
            <numerusform>every %n second while shown</numerusform>
            <numerusform>every %n seconds while shown</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InvoiceTableModel</name>
    <message numerus="yes">
        <location filename="../ui/pages/invoicetablemodel.cpp" line="+421"/>
        <source>in %n min</source>
        <translation>
            <numerusform>in %n min</numerusform>
            <numerusform>in %n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n min ago</source>
        <translation>
            <numerusform>%n min ago</numerusform>
            <numerusform>%n min ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>in %n h</source>
        <translation>
            <numerusform>in %n h</numerusform>
            <numerusform>in %n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n h ago</source>
        <translation>
            <numerusform>%n h ago</numerusform>
            <numerusform>%n h ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>in %n d</source>
        <translation>
            <numerusform>in %n d</numerusform>
            <numerusform>in %n d</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n d ago</source>
        <translation>
            <numerusform>%n d ago</numerusform>
            <numerusform>%n d ago</numerusform>
        </translation>
    </message>
</context>
</TS>
