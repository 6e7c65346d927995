/// A conversation: answers each utterance in turn through the dialogue, handles `/commands`, and
/// records every turn as it happens.
///
/// It neither reads nor renders: `TurnLoop` does that for every front end. Blank lines are skipped;
/// a goodbye or `/quit` ends the session.
public struct ChatSession {
    public let assistant: Assistant
    public private(set) var state: DialogueState = .start
    /// The last reply to an utterance (not to a command), for `/why` and `/sources`.
    public private(set) var lastReply: Reply?
    /// Where each turn is recorded as it happens, if anywhere.
    public var recorder: (any TranscriptSink)?
    /// Where `/save` writes; nil when saving is not possible here.
    public var saveStore: (any TranscriptStore)?
    /// The header `/save` gives a saved conversation.
    public var header: TranscriptHeader
    /// The turns so far, kept for `/save` only when `keepsTurns` is set and no recorder has them.
    ///
    /// With a recorder, `/save` reads the recording back instead, so a session streams its turns
    /// to the file and holds none: 100,000 piped turns with `--transcript` took 100 MB, not 24 MB.
    public private(set) var turns: [TranscriptTurn] = []
    /// Whether `/save` is offered; without a recorder, the turns are kept in memory for it.
    public var keepsTurns = false
    private var turnCount = 0
    /// The turn that gave `lastReply`, for `/expect`.
    private var lastReplyTurn = 0
    /// What `/expect` marked, by turn: the intent each should have had ("none": not understood).
    public private(set) var expectations: [Int: String] = [:]
    private var recordingProblemReported = false

    public init(assistant: Assistant, started: String = "") {
        self.assistant = assistant
        self.header = TranscriptHeader(
            knotbot: KnotBotVersion.current, model: assistant.model.fingerprint, started: started)
    }

    /// Whether the person has ended the session.
    public var hasEnded: Bool { state.phase == .ended }

    /// Answers one line, returning nil for a blank line.
    public mutating func turn(_ line: String) -> Reply? {
        let utterance = Utterance(line)
        guard !utterance.isEmpty else { return nil }
        let reply: Reply
        switch SlashCommand.parse(utterance.text) {
        case .command(.save, let name)?:
            // Saving is about the recording, not part of it: it is never recorded or replayed.
            return save(named: name)
        case .command(.forget, _)?:
            return forget()
        case .command(.expect, let intent)?:
            return expect(intent)
        case let parsed?:
            reply = run(parsed)
        case nil:
            let (answer, next) = assistant.respond(to: utterance, in: state)
            state = next
            lastReply = answer
            lastReplyTurn = turnCount + 1
            reply = answer
        }
        turnCount += 1
        let recorded = TranscriptTurn(turn: turnCount, utterance: line, reply: reply, state: state)
        recorder?.record(recorded)
        if keepsTurns && recorder == nil { turns.append(recorded) }
        return reply
    }

    /// A recording problem to tell the person about, once per session, safe to print; nil otherwise.
    public mutating func takeRecordingProblem() -> String? {
        guard !recordingProblemReported, let recorder, let problem = recorder.problem else { return nil }
        recordingProblemReported = true
        // The path is the one given to --transcript, which may hold escapes.
        let path = (recorder as? TranscriptWriter)?.path ?? "the transcript"
        return TerminalText.escaped("knotbot: \(path): \(problem); this session is no longer being recorded") + "\n"
    }

    /// Ends the session as `/quit` does (end of input, Ctrl-C on an empty line), with a goodbye.
    public mutating func end() -> Reply {
        run(.command(.quit, argument: ""))
    }

    private func reply(_ text: String) -> Reply {
        Reply(answer: text, understood: true, intent: nil, confidence: 1)
    }

    private mutating func run(_ parsed: SlashCommand.Parsed) -> Reply {
        let model = assistant.model
        switch parsed {
        case .unknown(let name):
            return Reply(
                answer: "Unknown command \(name). Commands: \(SlashCommand.list).", understood: false, intent: nil,
                confidence: 0)
        case .command(.help, _):
            let help = model.intent(role: .help)?.reply ?? ""
            return reply(help + "\n\nCommands:\n" + SlashCommand.table)
        case .command(.topics, _):
            let topics = model.knowledgeIntentsInReadingOrder.map { "  - \($0.summary)" }.joined(separator: "\n")
            return reply("I can answer questions on:\n" + topics)
        case .command(.reset, _):
            let remembered = state.redFlagSymptoms
            state = DialogueState(redFlagSymptoms: remembered)
            lastReply = nil
            return reply(
                remembered.isEmpty
                    ? "OK, I've forgotten our conversation. What would you like to know?"
                    : "OK, I've forgotten our conversation, except the warning sign you mentioned. What would you like to know?"
            )
        case .command(.why, _):
            guard let explanation = lastReply?.explanation else {
                return reply("There is nothing to explain yet: ask me something first.")
            }
            return reply("Why I answered that way:\n" + ExplanationRenderer().render(explanation, indent: "  "))
        case .command(.sources, _):
            guard let last = lastReply else { return reply("There are no sources yet: ask me something first.") }
            guard !last.sources.isEmpty else { return reply("My last answer had no sources: it was in my own words.") }
            let lines = last.sources.map { "  - " + model.knowledge.fullSource($0) }.joined(separator: "\n")
            return reply("Sources of my last answer:\n" + lines)
        case .command(.save, let name):
            return save(named: name)
        case .command(.forget, _):
            return forget()
        case .command(.expect, let intent):
            return expect(intent)
        case .command(.quit, _):
            state.phase = .ended
            let goodbye = model.intent(role: .goodbye)?.reply ?? "Goodbye."
            return Reply(answer: goodbye, understood: true, intent: nil, confidence: 1, endsSession: true)
        }
    }

    /// Where this chat is being recorded, or nil when it is not (`--no-transcript`, or `/forget`).
    public var recordingLocation: String? {
        guard let recorder, recorder.problem == nil else { return nil }
        return recorder.location
    }

    /// Marks the intent the last answer should have had, for `/save`; like `/save`, never recorded.
    private mutating func expect(_ argument: String) -> Reply {
        let model = assistant.model
        let known = model.intents.map(\.id) + [model.redFlags.replyIntent, "none"]
        guard let last = lastReply, lastReplyTurn > 0 else {
            return Reply(
                answer: "There is no answer to mark yet: ask me something first, then /expect INTENT.",
                understood: false, intent: nil, confidence: 0)
        }
        let intent = argument.lowercased()
        guard known.contains(intent) else {
            let hint = argument.isEmpty ? "Name the intent: /expect INTENT." : "There is no intent \"\(argument)\"."
            return Reply(
                answer: TerminalText.escaped(hint) + " Intents: " + known.joined(separator: ", ") + ".",
                understood: false, intent: nil, confidence: 0)
        }
        expectations[lastReplyTurn] = intent
        let answered = last.intent ?? "none"
        let verdict =
            answered == intent
            ? "which is what I answered; a saved test will check it stays so."
            : "I answered \(answered). A conversation saved now fails replay until I answer it with \(intent)."
        return reply("Marked turn \(lastReplyTurn): the right intent is \(intent), " + verdict)
    }

    /// Deletes this chat's recording and stops recording; the conversation itself goes on.
    private mutating func forget() -> Reply {
        guard let recorder else {
            turns.removeAll()
            return reply("This chat is not being recorded, so there is no transcript to delete.")
        }
        do {
            try recorder.forget()
        } catch {
            return Reply(
                answer: "Could not delete the transcript: \(error)", understood: false, intent: nil, confidence: 0)
        }
        self.recorder = nil
        // Nothing of the chat so far is kept anywhere now, so /save has nothing to write either.
        keepsTurns = false
        turns.removeAll()
        return reply(
            "Deleted this chat's transcript (\(TerminalText.escaped(recorder.location))). "
                + "Nothing more of this chat will be recorded.")
    }

    /// Writes the conversation so far as a new transcript in the save folder.
    private func save(named name: String) -> Reply {
        guard keepsTurns || recorder != nil, let store = saveStore else {
            return Reply(
                answer: "Saving is not available here: run knotbot from the repository (it saves into transcripts/), "
                    + "or pass --transcripts-dir DIR.", understood: false, intent: nil, confidence: 0)
        }
        if let problem = recorder?.problem {
            return Reply(
                answer: "Could not save: recording this session failed (\(problem)), so no complete copy of it exists.",
                understood: false, intent: nil, confidence: 0)
        }
        let saved: [TranscriptTurn]
        do {
            saved = try (recorder?.recordedTurns() ?? turns).map { turn in
                var marked = turn
                marked.expect = expectations[turn.turn] ?? turn.expect
                return marked
            }
        } catch {
            return Reply(
                answer: "Could not save: the recording of this session cannot be read back (\(error))",
                understood: false, intent: nil, confidence: 0)
        }
        guard !saved.isEmpty else { return reply("There is nothing to save yet: ask me something first.") }
        // A name is required: a file named after a timestamp says nothing of what it tests, and
        // picking one without asking surprised people.
        guard !name.isEmpty else {
            return Reply(
                answer: "Give the test a name: /save NAME (for example /save heat-after-massage).",
                understood: false, intent: nil, confidence: 0)
        }
        let path: String
        do {
            path = try store.save(saved, header: header, name: name)
        } catch {
            return Reply(answer: "Could not save: \(error)", understood: false, intent: nil, confidence: 0)
        }
        return reply(
            "Saved this conversation (\(saved.count) \(saved.count == 1 ? "turn" : "turns")) as a regression test: \(path)\n"
                + "Replay it with: knotbot replay \(path)")
    }
}
