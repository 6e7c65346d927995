/// A fixed, seeded sample of mutations, so CI and a maintainer can run the same few again.
public enum MutationSample {
    /// `count` of the mutations, chosen by `seed`, in their original order.
    public static func pick(_ mutations: [Mutation], count: Int, seed: UInt64) -> [Mutation] {
        guard count < mutations.count else { return mutations }
        var generator = SplitMix64(seed: seed)
        var indices = Array(mutations.indices)
        indices.shuffle(using: &generator)
        return indices.prefix(max(0, count)).sorted().map { mutations[$0] }
    }
}
