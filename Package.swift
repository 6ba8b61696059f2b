// swift-tools-version:6.0
import PackageDescription

// Dependencies point inward (`swift package describe` lists them):
//   VigieModel                         values only: posts, brands, sources, labels, roles
//   VigieConfig                        every setting, declared once (depends on nothing)
//   VigieDigest   -> CVigieSHA256          SHA-256 (hardware where it can)
//   VigieFeeds    -> Model, Digest         feeds to entries          } pure: bytes in, values
//   VigieClassify -> Model                 language, sentiment, ...  } out, no NIO, no I/O but
//   VigieSample   -> Model                 sample corpus, generator  } their own bundled
//   VigieIngest   -> Model, Feeds          local files to records    } resources
//   VigieSources  -> Model, Feeds          collected sources: requests, answers to records (pure)
//   VigieStorage  -> Model, Schema, Digest PostgreSQL: settings, local cluster, stores
//   VigieFetch    -> Model, AsyncHTTPClient  the collectors' HTTP client and SSRF guard
//   VigieWorkers  -> Model, Classify, Ingest, Storage, Fetch, Sources   import, classify, collect
//   VigieAPI      -> Model, Storage        the HTTP JSON API; the workers' /metrics
//   VigieDemoSite -> Sample (Hummingbird)      the demo\'s blog and hashtag on loopback
//   VigieCommandLine -> Model, Config, Classify, Storage, Workers   what the executables share
//   vigie         -> all of the above but Digest, CVigieSHA256 and Schema directly; no FoundationXML
//   vigie-bench   -> Model, Feeds, Classify, Sample, Storage, Workers, CommandLine, Hummingbird (and
//                    Foundation's XMLParser as a baseline: never linked into vigie)
let package = Package(
    name: "vigie",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "vigie", targets: ["vigie"]),
        .executable(name: "vigie-bench", targets: ["vigie-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        // Already resolved through the packages above; named for VigieFetch's direct imports.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        // Values only: posts, sources, brands, labels.
        .target(name: "VigieModel"),
        // Every setting declared once (variable, flag, default, check, secret) and the
        // effective configuration that every command reads.
        .target(name: "VigieConfig"),
        // RSS/Atom/JSON Feed parsing, HTML to text, canonical URLs, fingerprints: bytes in, values out.
        .target(name: "VigieFeeds", dependencies: ["VigieModel", "VigieDigest"]),
        // SHA-256, for the parser's stable identifiers and the API tokens' digests.
        .target(name: "VigieDigest", dependencies: ["CVigieSHA256"]),
        // SHA-256 block compression with the x86 SHA extensions, for VigieDigest.
        .target(name: "CVigieSHA256"),
        // Language, sentiment, brand queries, governance categories: pure and versioned.
        .target(
            name: "VigieClassify",
            dependencies: ["VigieModel"],
            resources: [.copy("Resources")]
        ),
        // The bundled sample corpus, seeded brands and the synthetic corpus generator.
        .target(
            name: "VigieSample",
            dependencies: ["VigieModel"],
            resources: [.copy("Resources")]
        ),
        // One adapter per collected kind (requests to make, answers to records), feed
        // autodiscovery, OPML: pure, the collector fetches.
        .target(name: "VigieSources", dependencies: ["VigieModel", "VigieFeeds"]),
        // Local documents (text, HTML, JSONL) to import records.
        .target(name: "VigieIngest", dependencies: ["VigieModel", "VigieFeeds"]),
        // Numbered SQL migrations, shipped as resources.
        .target(name: "VigieSchema", path: "Schema", exclude: ["README.md"], resources: [.copy("sql")]),
        // PostgreSQL: connection settings, the local cluster, migrator, a store per table.
        .target(
            name: "VigieStorage",
            dependencies: [
                // VigieDigest: API tokens are hashed in the process.
                "VigieModel", "VigieSchema", "VigieDigest",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                // ConnectionPoolError, which the pool throws as is: DatabaseFailure tells it by type.
                .product(name: "_ConnectionPoolModule", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Work on top of storage: file import, the classification worker (collectors later).
        .target(
            name: "VigieWorkers",
            dependencies: [
                "VigieModel", "VigieClassify", "VigieIngest", "VigieStorage", "VigieFetch", "VigieSources",
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The collectors' HTTP client: SSRF guard, redirects, timeouts, caps, robots.txt.
        .target(
            name: "VigieFetch",
            dependencies: [
                "VigieModel",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                // NIOHTTPDecompression's limit and error: the gzip/deflate ratio cap.
                .product(name: "NIOHTTPCompression", package: "swift-nio-extras"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // HTTP JSON API.
        .target(
            name: "VigieAPI",
            dependencies: [
                "VigieModel", "VigieStorage",
                .product(name: "Hummingbird", package: "hummingbird"),
                // The collector's metrics endpoint (MetricsServer).
                .product(name: "Prometheus", package: "swift-prometheus"),
                // MaximumAvailableConnections and HTTP1Channel's idle timeout (ServerLimits).
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The demo's fixture site: a French blog (pages, feeds, WordPress REST) and a Mastodon
        // hashtag timeline, released over time, on loopback.
        .target(
            name: "VigieDemoSite",
            dependencies: [
                "VigieSample",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // What both executables' commands share: database options, logging, one-line errors,
        // the classification run.
        .target(
            name: "VigieCommandLine",
            dependencies: [
                "VigieModel", "VigieConfig", "VigieClassify", "VigieStorage", "VigieWorkers",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "vigie",
            dependencies: [
                "VigieModel", "VigieConfig", "VigieFeeds", "VigieClassify", "VigieSample", "VigieIngest",
                "VigieStorage", "VigieWorkers", "VigieAPI", "VigieCommandLine", "VigieFetch", "VigieSources", "VigieDemoSite",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        // The benchmarks: feed parser (with Foundation's XMLParser, hence libxml2, as a baseline),
        // classifier, and the worker end to end. Not shipped: `make bench` builds and runs it.
        .executableTarget(
            name: "vigie-bench",
            dependencies: [
                "VigieModel", "VigieFeeds", "VigieClassify", "VigieSample", "VigieStorage", "VigieWorkers",
                "VigieCommandLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        // Test support: throwaway PostgreSQL clusters, loopback fixture servers.
        .target(
            name: "VigieTestSupport",
            dependencies: [
                "VigieModel", "VigieStorage",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Tests/Support"
        ),
        .testTarget(name: "VigieFeedsTests", dependencies: ["VigieFeeds", "VigieDigest", "VigieSample"], resources: [.copy("Fixtures")]),
        .testTarget(name: "VigieSourcesTests", dependencies: ["VigieSources", "VigieFeeds", "VigieModel"], resources: [.copy("Fixtures")]),
        .testTarget(name: "VigieClassifyTests", dependencies: ["VigieClassify", "VigieModel"]),
        .testTarget(name: "VigieConfigTests", dependencies: ["VigieConfig"]),
        // The fetcher against real servers on 127.0.0.1, hostile ones included.
        .testTarget(
            name: "VigieFetchTests",
            dependencies: [
                "VigieFetch", "VigieTestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .testTarget(name: "VigieBenchTests", dependencies: ["vigie-bench", "VigieFeeds", "VigieClassify"]),
        .testTarget(name: "VigieIngestTests", dependencies: ["VigieIngest", "VigieModel"]),
        .testTarget(name: "VigieSampleTests", dependencies: ["VigieSample", "VigieModel"]),
        .testTarget(name: "VigieModelTests", dependencies: ["VigieModel"]),
        // Stores, queue, migrations, failures: each test on a database cloned from a migrated template.
        .testTarget(
            name: "VigieStorageTests",
            dependencies: [
                "VigieStorage", "VigieIngest", "VigieModel", "VigieSchema",
                "VigieTestSupport", .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "InMemoryLogging", package: "swift-log"),
            ]
        ),
        // Importer and classification worker on a real database, a crash of the server included.
        .testTarget(
            name: "VigieWorkersTests",
            dependencies: [
                "VigieWorkers", "VigieStorage", "VigieClassify", "VigieModel", "VigieTestSupport",
                "VigieFetch", "VigieSources", "VigieDemoSite",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        // Runs the built `vigie` and `vigie-bench` binaries: help texts, exit codes, one-line errors.
        .testTarget(
            name: "VigieCLITests",
            dependencies: [
                "vigie", "vigie-bench", "VigieStorage", "VigieWorkers", "VigieModel", "VigieTestSupport",
                // `vigie collect` against the demo site, its metrics read over HTTP.
                "VigieDemoSite", .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        // The demo site over real HTTP on loopback: routes, release over time, 304s, paging.
        .testTarget(
            name: "VigieDemoSiteTests",
            dependencies: [
                "VigieDemoSite", "VigieSample", "VigieFeeds", .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "VigieAPITests",
            dependencies: [
                "VigieAPI", "VigieStorage", "VigieWorkers", "VigieModel", "VigieClassify", "VigieTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
    ]
)
