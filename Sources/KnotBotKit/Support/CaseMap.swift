/// A handful of values keyed by the cases of an enum, kept in a small array.
///
/// The safety rules map 13 roles and 3 tiers. As dictionaries keyed by those enums, each cost a
/// scan of every protocol conformance in the binary at start-up (about 380 k instructions each:
/// making the dictionary's storage type checks `Hashable` at run time); a lookup here compares a
/// few enum cases and needs no conformance found at run time.
public struct CaseMap<Key: Equatable & Sendable, Value: Sendable>: Sendable, ExpressibleByDictionaryLiteral {
    private var entries: [(key: Key, value: Value)] = []

    public init(dictionaryLiteral elements: (Key, Value)...) {
        for (key, value) in elements { self[key] = value }
    }

    public subscript(key: Key) -> Value? {
        get { entries.first { $0.key == key }?.value }
        set {
            if let index = entries.firstIndex(where: { $0.key == key }) {
                if let newValue { entries[index].value = newValue } else { entries.remove(at: index) }
            } else if let newValue {
                entries.append((key, newValue))
            }
        }
    }

    /// The entries in the order they were first set.
    public var pairs: [(key: Key, value: Value)] { entries }
}

extension CaseMap: Equatable where Value: Equatable {
    public static func == (lhs: CaseMap, rhs: CaseMap) -> Bool {
        lhs.entries.count == rhs.entries.count
            && lhs.entries.allSatisfy { entry in rhs[entry.key] == entry.value }
    }
}

extension CaseMap: Hashable where Key: Hashable, Value: Hashable {
    public func hash(into hasher: inout Hasher) {
        // Order-independent, as equality is.
        var combined = 0
        for entry in entries {
            var one = Hasher()
            one.combine(entry.key)
            one.combine(entry.value)
            combined ^= one.finalize()
        }
        hasher.combine(entries.count)
        hasher.combine(combined)
    }
}
