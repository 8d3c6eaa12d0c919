<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nb_NO">
<context>
    <name>kollega::desktop::AppController</name>
    <message>
        <source>Choose a passphrase of at least %1 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two passphrases are not the same.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the code shown on your other device.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type your passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That passphrase is not right. Nothing was changed; try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The app could not open its data: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not reach the Kollega service: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
