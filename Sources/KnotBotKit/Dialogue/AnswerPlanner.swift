/// Chooses the facts that answer a question within its topic: the one that speaks to what was
/// asked first, then one or two that support it; the overview when nothing in particular was asked.
///
/// It is pure: the same topic, aspects, situation and facts already given always make the same plan,
/// so the same question asked twice gets the same answer.
struct AnswerPlanner {
    let model: BotModel

    /// What one turn asks and what the session knows, computed once per turn.
    struct Focus {
        /// Aspects the utterance names.
        var asked: AspectSet
        /// The person's situation, remembered from this and earlier turns.
        var context: AspectSet
        /// A yes/no question ("does heat help?", "could sitting be why?").
        var yesNo: Bool
        /// Besides what it names, the utterance asks the topic's general question ("What is a knot
        /// actually? Is it even a real thing?").
        var alsoGeneral = false

        static let none = Focus(asked: .empty, context: .empty, yesNo: false)
    }

    /// The facts of an answer in the order they are said, with what opens it.
    struct Plan: Equatable {
        var facts: [Int]
        /// Said first: that the knowledge does not speak to an aspect asked about.
        var unsaid: [String] = []
        /// The direct lead of a yes/no question.
        var yes: String?
        /// The fact the answer leads with, for "the other one".
        var lead: Int?
    }

    /// Most characters of fact text a focused answer carries before supporting facts stop being
    /// added; the median answer stays under 500 characters with markers and quotes around it.
    static let focusedBudget = 420

    /// The aspects an utterance names.
    func aspects(in tokens: [Token]) -> AspectSet {
        model.aspectMatcher.aspects(in: tokens)
    }

    /// The aspects named `names`, skipping names no longer in the model.
    func aspects(named names: [String]) -> AspectSet {
        var set = AspectSet()
        for name in names {
            if let index = model.aspects.firstIndex(where: { $0.name == name }) { set.insert(index) }
        }
        return set
    }

    private func weight(_ set: AspectSet) -> Double {
        var total = 0.0
        for index in set { total += model.aspects[index].weight }
        return total
    }

    /// A focused answer for `intent`, or nil when the question asks nothing its facts single out.
    ///
    /// With `subjectOnly`, only a subject the question names singles facts out, not its shape or the
    /// person's situation alone: "tell me more" with nothing named goes on to the next page.
    func focused(_ intent: CompiledIntent, focus: Focus, lastLead: Int?, subjectOnly: Bool = false) -> Plan? {
        let scope = intent.scope
        guard !scope.isEmpty else { return nil }
        let facts = model.facts
        let spoken = model.scopeAspects[intent.id]?.spoken ?? AspectSet()
        let conditions = model.scopeAspects[intent.id]?.conditions ?? AspectSet()
        let subject = focus.asked.intersection(spoken).subtracting(conditions)
        // "And the other one?": the fact paired with the one just led with.
        if let lastLead, let pair = facts[lastLead].pair, scope.contains(pair),
            focus.asked.indices.contains(where: { model.aspects[$0].pair })
        {
            return Plan(facts: [pair], lead: pair)
        }
        // What the question is about, beside its shape ("does stretching work for everyone?" is about
        // stretching; "for everyone" only frames it).
        var topic = AspectSet()
        for index in subject where !model.aspects[index].frame { topic.insert(index) }
        if subjectOnly && topic.isEmpty { return nil }
        var scored: [(index: Int, score: Double, position: Int, asked: Bool)] = []
        for (position, index) in scope.enumerated() {
            let fact = facts[index]
            let matched = weight(fact.aspects.intersection(focus.asked))
            var score: Double
            if !fact.requires.isEmpty {
                let condition = fact.requires.intersection(focus.asked.union(focus.context))
                // A caution about massage in pregnancy leads a massage question, or a general one,
                // from someone pregnant; never a question about heat.
                guard !condition.isEmpty, matched > 0 || subject.isEmpty else { continue }
                score = matched + weight(condition)
            } else {
                score = matched + 0.5 * weight(fact.aspects.intersection(focus.context))
            }
            // A fact about something else the question did not name (the massage caveat, asked about
            // stretching) answers only its shape: it counts for less than one about what was asked.
            // A fact about the person's situation (a caution for someone on blood thinners) is kept
            // whole: the situation is what singles it out.
            if !topic.isEmpty, fact.requires.isEmpty, fact.aspects.intersection(focus.context).isEmpty,
                fact.aspects.intersection(topic).isEmpty,
                fact.aspects.contains(where: { !model.aspects[$0].frame })
            {
                score *= model.dialogue.offSubjectShare
            }
            if score > 0 { scored.append((index, score, position, matched > 0)) }
        }
        // Ties go to the fact just led with ("is that true?" doubts it), then to the overview's
        // facts, the topic's core, then to knowledge order.
        let overview = intent.pageFacts.first ?? []
        scored.sort {
            ($0.score, $0.index == lastLead ? 1 : 0, overview.contains($0.index) ? 1 : 0, -$0.position)
                > ($1.score, $1.index == lastLead ? 1 : 0, overview.contains($1.index) ? 1 : 0, -$1.position)
        }
        var plan = Plan(facts: [])
        for aspectIndex in focus.asked.indices {
            let aspect = model.aspects[aspectIndex]
            guard let unsaid = aspect.unsaid, !spoken.contains(aspectIndex) else { continue }
            plan.unsaid.append(unsaid)
            for id in aspect.instead {
                if let index = model.factsByID[id], !plan.facts.contains(index) {
                    plan.facts.append(index)
                }
            }
        }
        guard let lead = scored.first?.index else { return plan.unsaid.isEmpty ? nil : plan }
        plan.lead = lead
        if focus.yesNo, plan.unsaid.isEmpty { plan.yes = facts[lead].yes }
        var length = 0
        func add(_ index: Int) {
            guard !plan.facts.contains(index) else { return }
            // "This is usually a clue that ..." is quoted with the sentence it points back at.
            if let previous = facts[index].previous, !plan.facts.contains(previous) {
                plan.facts.append(previous)
                length += facts[previous].text.characterCount
            }
            plan.facts.append(index)
            length += facts[index].text.characterCount
        }
        add(lead)
        // "This is because they are contracted muscles ..." explains the sentence before it.
        if lead + 1 < facts.count, facts[lead + 1].previous == lead, scope.contains(lead + 1) { add(lead + 1) }
        // One of a pair (active, latent) is told beside the other: each is defined by the contrast.
        if let pair = facts[lead].pair, scope.contains(pair) { add(pair) }
        if subject.isEmpty && plan.unsaid.isEmpty {
            // Only the person's situation singles a fact out: it goes first, then the overview.
            for index in scored.dropFirst().map(\.index) where !facts[index].requires.isEmpty { add(index) }
            for index in overview { add(index) }
            return plan
        }
        // Supporting facts answer what was asked too; the person's situation alone only orders them.
        for candidate in scored.dropFirst().filter(\.asked).prefix(2) where length < Self.focusedBudget {
            add(candidate.index)
        }
        if plan.facts.count == 1, let neighbour = neighbour(of: lead, in: intent) {
            add(neighbour)
        }
        // An answer on a topic says what the topic is about: the key facts its `eval:` block names
        // (both kinds of knot for "types", the dull ache for pain quality). A focused answer that
        // lacks them gains the first facts of the topic that supply them, at most two.
        if let check = intent.check, !holds(plan.facts, check) {
            let candidates = (overview + scope).filter { facts[$0].requires.isEmpty && !isLeadIn($0) }
            var added = 0
            for candidate in candidates where added < 2 && !plan.facts.contains(candidate) {
                guard adds(candidate, to: plan.facts, check) else { continue }
                add(candidate)
                added += 1
                if holds(plan.facts, check) { break }
            }
        }
        // "What is a knot actually? Is it even a real thing?": the general question is answered
        // first, with the overview's first specific fact, then what was asked in particular.
        if focus.alsoGeneral,
            let first = overview.first(where: { index in
                !isLeadIn(index) && facts[index].requires.isEmpty && facts[index].previous == nil
            }), !plan.facts.contains(first)
        {
            plan.facts.insert(first, at: 0)
            plan.yes = nil
        }
        return plan
    }

    /// Whether the facts' words hold a topic's key facts as its check names them.
    ///
    /// A key word counts where one fact holds it (searched in place, case folded); the facts were
    /// once joined and lowercased for every check, the costliest part of a warm turn.
    private func holds(_ indices: [Int], _ check: AnswerCheck) -> Bool {
        func said(_ word: String) -> Bool { indices.contains { says(model.facts[$0].text, word) } }
        return check.all.allSatisfy(said) && check.any.filter(said).count >= check.atLeast
    }

    /// Whether adding a fact brings a key word the facts lack.
    private func adds(_ candidate: Int, to indices: [Int], _ check: AnswerCheck) -> Bool {
        let extra = model.facts[candidate].text
        return (check.all + check.any).contains { word in
            says(extra, word) && !indices.contains { says(model.facts[$0].text, word) }
        }
    }

    /// Whether a fact's text holds a key word, ignoring case.
    private func says(_ text: String, _ word: String) -> Bool {
        TextSearch.contains(text, word, foldingASCIICase: true)
    }

    /// A fact that sets a one-fact answer in the topic's context: the overview's first specific
    /// fact, which the overview puts first because the topic comes down to it ("exercise is the
    /// main treatment"); the next one when the lead is that fact.
    private func neighbour(of lead: Int, in intent: CompiledIntent) -> Int? {
        (intent.pageFacts.first ?? []).first {
            $0 != lead && !model.facts[$0].aspects.isEmpty && model.facts[$0].requires.isEmpty
        }
    }

    /// A "tell me more" answer shorter than this is topped up with the topic's next facts not yet
    /// given (a one-sentence page of 90 characters read as a brush-off).
    static let moreMinimum = 200

    /// What "tell me more" gives: the first page with facts not yet given, then the topic's other
    /// facts; nil when everything has been said.
    func more(_ intent: CompiledIntent, given: Set<Int>, focus: Focus) -> Plan? {
        // "What else could she try?" after "check with her doctor before a massage" is not told how
        // hard to press: what a caution for the person's situation speaks to is held back.
        let held = cautioned(focus.context)
        func heldBack(_ index: Int) -> Bool {
            model.facts[index].requires.isEmpty && !model.facts[index].aspects.intersection(held).isEmpty
        }
        for (number, page) in intent.pageFacts.enumerated() {
            var fresh = page.filter { !given.contains($0) && !heldBack($0) }
            guard !fresh.isEmpty, fresh.contains(where: { !isLeadIn($0) }) else { continue }
            // A page with one short sentence left ("In fact, muscle knots could even be what's causing
            // your back pain") is topped up from the next pages, so "tell me more" says something.
            var length = fresh.reduce(0) { $0 + model.facts[$1].text.characterCount }
            for index in intent.pageFacts.dropFirst(number + 1).joined()
            where length < Self.moreMinimum && !given.contains(index) && !heldBack(index) && !isLeadIn(index)
                && !fresh.contains(index) && model.facts[index].requires.isEmpty
            {
                fresh.append(index)
                length += model.facts[index].text.characterCount
            }
            return Plan(facts: fresh)
        }
        var facts: [Int] = []
        var length = 0
        for index in intent.scope where !given.contains(index) && length < Self.focusedBudget {
            let fact = model.facts[index]
            if !fact.requires.isEmpty && fact.requires.intersection(focus.context).isEmpty { continue }
            if heldBack(index) { continue }
            facts.append(index)
            length += fact.text.characterCount
        }
        return facts.isEmpty ? nil : Plan(facts: facts)
    }

    /// What the cautions for the person's situation speak to (massage, for someone on blood
    /// thinners): the aspects of every fact that requires a condition the context holds.
    private func cautioned(_ context: AspectSet) -> AspectSet {
        guard !context.isEmpty else { return AspectSet() }
        var aspects = AspectSet()
        for fact in model.facts where !fact.requires.intersection(context).isEmpty {
            aspects = aspects.union(fact.aspects)
        }
        return aspects
    }

    /// What "why?" or "how come?" after an answer gives: more on the last lead's subject.
    ///
    /// The topic's facts not yet given that share the lead's aspects come best first; a lead that
    /// gives its own reason comes again when the knowledge has nothing more on it ("tense people
    /// may clench their muscles" is all the sources say of stress). Nil when the lead speaks to no
    /// aspect, or is a caveat with nothing more on it ("it has not been proven ..."), so the caller
    /// goes on with the topic: "how come?" then asks how release helps, not why it is unproven.
    func explaining(_ intent: CompiledIntent, lead: Int, given: Set<Int>) -> Plan? {
        // A frame the lead also speaks to (how strong the evidence is) is not its subject: stress
        // and dehydration share "the evidence is weak" and nothing else.
        var subject = AspectSet()
        for index in model.facts[lead].aspects where !model.aspects[index].frame { subject.insert(index) }
        guard !subject.isEmpty else { return nil }
        var scored: [(index: Int, score: Double, position: Int)] = []
        for (position, index) in intent.scope.enumerated() where index != lead && !given.contains(index) {
            let fact = model.facts[index]
            let shared = weight(fact.aspects.intersection(subject))
            if shared > 0, fact.requires.isEmpty, !isLeadIn(index) { scored.append((index, shared, position)) }
        }
        scored.sort { ($0.score, -$0.position) > ($1.score, -$1.position) }
        guard let first = scored.first?.index else {
            let words = model.facts[lead].text.lowercased().split { !$0.isLetter }
            let reasons = words.contains { model.dialogue.reasonWords.contains(String($0)) }
            return reasons ? Plan(facts: [lead], lead: lead) : nil
        }
        var plan = Plan(facts: [], lead: first)
        var length = 0
        for candidate in scored.prefix(2) where length < Self.focusedBudget {
            if let previous = model.facts[candidate.index].previous, !plan.facts.contains(previous) {
                plan.facts.append(previous)
            }
            plan.facts.append(candidate.index)
            length += model.facts[candidate.index].text.characterCount
        }
        return plan
    }

    /// An article sentence that only introduces a lost list; alone it says nothing.
    private func isLeadIn(_ index: Int) -> Bool {
        let fact = model.facts[index]
        if case .article = fact.origin, fact.text.hasSuffix(":"), fact.listItems.isEmpty { return true }
        return false
    }

    /// The plan's text and sources, within `limit` characters: facts are dropped from the end
    /// until it fits, so a long situation-led answer never passes the 900-character limit.
    ///
    /// A plan that is one of the intent's pages as it stands uses the page composed at build time.
    func render(_ plan: Plan, of intent: CompiledIntent? = nil, limit: Int = AnswerComposer.maximumLength)
        -> AnswerPage
    {
        if let intent, plan.yes == nil, plan.unsaid.isEmpty, let page = intent.pageFacts.firstIndex(of: plan.facts),
            intent.pages.indices.contains(page), intent.pages[page].text.characterCount <= limit
        {
            return intent.pages[page]
        }
        var facts = plan.facts
        while true {
            let page = FactRenderer.render(facts.map { model.facts[$0] }, author: model.knowledge.article.author)
            var text = page.text
            if let yes = plan.yes { text = yes + " " + text }
            if !plan.unsaid.isEmpty { text = plan.unsaid.joined(separator: " ") + (text.isEmpty ? "" : "\n\n" + text) }
            if text.characterCount <= limit || facts.count <= 1 { return AnswerPage(text: text, sources: page.sources) }
            facts.removeLast()
        }
    }
}
