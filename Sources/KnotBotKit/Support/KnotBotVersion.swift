/// The version of KnotBot, recorded in transcripts and shown by `--version`.
public enum KnotBotVersion {
    public static let current = "0.2.0"
}
