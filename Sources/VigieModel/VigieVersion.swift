/// The release this build belongs to: `vigie --version`, the collector's User-Agent.
public enum VigieVersion {
    public static let current = "0.19.0"
}
