<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_GB">
<context>
    <name>Chat</name>
    <message>
        <source>Waiting to send</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Sent</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Delivered</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Read</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Back</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Back to the conversations</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Conversation %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Write a message</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The message could not be saved. Please try again.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Conversations</name>
    <message>
        <source>Conversations</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No conversations yet.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Conversation %1, %n new message(s)</source>
        <translation>
            <numerusform>Conversation %1, %n new message</numerusform>
            <numerusform>Conversation %1, %n new messages</numerusform>
        </translation>
    </message>
    <message>
        <source>Conversation %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Account number of the person to write to</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Write</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Start the conversation</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>FirstRun</name>
    <message>
        <source>Welcome to Kollega</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Talk in confidence with a trained colleague. No name, no phone number, no e-mail: your account is a random number made on this computer.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>New account</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Link this computer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Choose a passphrase. It protects what Kollega keeps on this computer. Nobody can recover it for you.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Passphrase</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The same passphrase again</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The code shown on your other device</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Create my account</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Working</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Setting up your account. This can take a minute.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Kollega</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Connected</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Offline: messages wait and go out later</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>SafetyButton</name>
    <message>
        <source>Safety</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Safety: emergency and crisis numbers</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>SafetyDialog</name>
    <message>
        <source>Help right now</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>If you or someone else is in danger, call your local emergency number: 112.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>If you have thoughts of ending your life, call a crisis line or your own doctor today. You do not have to wait for a helper here.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>Back</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Back to the conversations</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Lock Kollega after this many minutes without use (0: never)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Minutes before Kollega locks itself</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Lock now</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Your account number, for someone who wants to write to you:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Your account number</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Unlock</name>
    <message>
        <source>Kollega is locked</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Type your passphrase to open your conversations.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Passphrase</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Unlock</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Working</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>kollega::desktop::AppController</name>
    <message>
        <source>Choose a passphrase of at least %1 characters.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The two passphrases are not the same.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Type the code shown on your other device.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Type your passphrase.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>That passphrase is not right. Nothing was changed; try again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The app could not open its data: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Could not reach the Kollega service: %1</source>
        <translation type="unfinished" />
    </message>
</context>
</TS>