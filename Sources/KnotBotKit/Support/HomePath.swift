/// Paths as people read them: the home folder written `~`.
public enum HomePath {
    /// `path` with a leading `home/` written `~/`; unchanged outside the home folder, or when home is
    /// empty or the root (every path would start with it).
    public static func abbreviated(_ path: String, home: String?) -> String {
        guard let home, !home.isEmpty, home != "/" else { return path }
        let folder = home.hasSuffix("/") ? String(home.dropLast()) : home
        guard path.hasPrefix(folder + "/") else { return path }
        return "~" + path.dropFirst(folder.count)
    }
}
