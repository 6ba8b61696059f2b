import Hummingbird
import VigieModel
import VigieStorage

/// Per-request state: the caller's role once the token is checked.
public struct VigieRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var role: Role?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.role = nil
    }
}
