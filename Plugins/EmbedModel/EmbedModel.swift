import Foundation
import PackagePlugin

/// Compiles `Intents/` and `Knowledge/` into the target at every build where they changed.
@main
struct EmbedModel: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let root = context.package.directoryURL
        let intents = root.appending(path: "Intents")
        let knowledge = root.appending(path: "Knowledge")
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedModelArchive.swift")
        let checks = intents.appending(path: "red-flag-checks")
        let inputs =
            try files(in: intents) + files(in: knowledge)
            + (FileManager.default.fileExists(atPath: checks.path) ? files(in: checks) : [])
        return [
            .buildCommand(
                displayName: "Compiling intents and knowledge into the model",
                executable: try context.tool(named: "knotbot-compile").url,
                arguments: [intents.path, knowledge.path, output.path],
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }

    private func isFolder(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    private func files(in folder: URL) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { !$0.lastPathComponent.hasPrefix(".") && $0.pathExtension != "md" && !isFolder($0) }
            .sorted { $0.path < $1.path }
    }
}
