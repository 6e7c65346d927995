/// What the dialogue's rules are tuned by, read from `Intents/dialogue.yaml`: thresholds, boosts and
/// the words that answer a clarification question, kept in data as Rasa keeps them in `config.yml`.
public struct DialogueSettings: Sendable, Hashable {
    /// Below this confidence the bot says it did not understand rather than guess.
    public var threshold: Double
    /// When the two best intents are closer than this, the bot asks which one was meant.
    public var clarificationMargin: Double
    /// How much more likely the current topic is taken to be, before the utterance is weighed.
    public var contextBoost: Double
    /// The boost when the utterance points back at what was said ("why does that help?").
    public var referenceBoost: Double
    /// How likely a second knowledge topic must be for the answer to offer it as well.
    public var secondTopicFloor: Double
    /// How likely a goodbye must be, beside small talk, to end the chat.
    public var farewellFloor: Double
    /// How likely an offered intent named in an answer to a clarification must be to count as chosen.
    public var choiceFloor: Double
    /// Misses in a row after which the fallback shows the whole help list.
    public var missesBeforeHelp: Int
    /// Words that choose the first of two offered intents ("the first", "yes").
    public var firstWords: WordSet
    /// Words that choose the second ("the other one").
    public var secondWords: WordSet
    /// An answer made only of these declines both ("neither").
    public var refusalWords: WordSet
    /// Opening words that, with a word pointing back, make a short follow-up ("why that?").
    public var questionWords: WordSet
    /// Words that show a person speaks of themselves or someone close ("I", "my", "my wife"), so
    /// what they say of their situation is remembered.
    public var personalWords = WordSet([])
    /// Words that open a continuation of the current topic ("and at home?", "also for my neck?").
    public var continuationWords = WordSet([])
    /// A follow-up with one of these and no aspect of its own ("why?", "how come?") asks to explain
    /// what was just said, so it keeps the last answer's subject.
    public var explainingWords = WordSet([])
    /// Words by which a fact gives its own reason ("because tense people may clench their
    /// muscles"): asked "how come?" with nothing more on its subject, such a fact is said again;
    /// one without (a caveat) hands over to the rest of the topic.
    public var reasonWords = WordSet([])
    /// Words that make an utterance ask something ("what", "help"); a situation told without
    /// them is acknowledged and remembered.
    public var askingWords = WordSet([])
    /// How likely a question beside small talk ("good morning, can a knot ...?") must be to be
    /// answered instead of the greeting.
    public var smallTalkQuestionFloor = 0.15
    /// An out-of-scope guess less likely than this does not stop a short continuation ("and at
    /// home?") going on with the current topic.
    public var outOfScopeFloor = 0.3
    /// What a fact about another subject than the one asked keeps of its score when the answer's
    /// facts are ranked (the massage caveat, asked whether stretching works for everyone).
    public var offSubjectShare = 0.4
    /// How many times more a post's asking sentences count than the story around them, when the
    /// classifier weighs it (0: the whole text only).
    public var questionWeight = 1.0
    /// How many times more likely a topic that says what to do is taken to be when the question
    /// asks for suggestions ("any tips?", "what can I do?").
    public var actionBoost = 1.0
    /// What asks for suggestions, as stem sequences, filed for matching (owner 0).
    public var actionPhrases = PhraseTable([])
    /// Phrases by which a yes/no opening only wraps another question, filed for matching (owner 0).
    ///
    /// "Does anyone know what causes it?", "can you tell me how ...": no direct yes or no is given.
    /// Both tables are filed when the settings are loaded, not at every start (0.5 M instructions).
    public var indirectPhrases = PhraseTable([])
    /// Opening words of a yes/no question ("does", "can", "could"), which get a direct lead.
    public var yesNoWords = WordSet([])
    /// Words a greeting takes along to address the listener ("hi there", "hello all"): the question
    /// after them opens the message.
    public var addressedWords = WordSet([])
    /// Subject pronouns: a yes/no word just before one asks even mid-sentence ("if I lose weight
    /// will I get fewer knots"), since a statement puts the subject first ("I will").
    public var subjectWords = WordSet([])
    /// Opens the fact that links a situation told in passing to knots ("You mentioned {situation}.").
    public var situationLink = ""
    /// The reply when someone tells their situation without asking anything ("I'm pregnant");
    /// `{situation}` is replaced by what was remembered.
    public var situationNoted = ""
    /// What is said before the answer when someone says how they feel ("I'm scared it's serious").
    public var acknowledgements: [Acknowledgement] = []

    /// The feelings that bring each acknowledgement, as stem sequences filed for matching, each
    /// owned by its acknowledgement's number: walked phrase by phrase, they cost 9,400 instructions
    /// a turn, and filed at every start 0.3 M.
    public var feelingPhrases = PhraseTable([])

    /// One short acknowledgement (the feelings that bring it are in `feelingPhrases`).
    public struct Acknowledgement: Sendable, Hashable {
        public var say: String

        public init(say: String) {
            self.say = say
        }
    }

    public init(
        threshold: Double, clarificationMargin: Double, contextBoost: Double, referenceBoost: Double,
        secondTopicFloor: Double, farewellFloor: Double, choiceFloor: Double, missesBeforeHelp: Int,
        firstWords: WordSet, secondWords: WordSet, refusalWords: WordSet, questionWords: WordSet
    ) {
        self.threshold = threshold
        self.clarificationMargin = clarificationMargin
        self.contextBoost = contextBoost
        self.referenceBoost = referenceBoost
        self.secondTopicFloor = secondTopicFloor
        self.farewellFloor = farewellFloor
        self.choiceFloor = choiceFloor
        self.missesBeforeHelp = missesBeforeHelp
        self.firstWords = firstWords
        self.secondWords = secondWords
        self.refusalWords = refusalWords
        self.questionWords = questionWords
    }
}
