import Fluent
import Foundation
import SilahCore
import Vapor

/// Associations and their policy versions: the queries the pages and commands share.
enum PolicyStore {
    static func associations(on db: Database) async throws -> [Association] {
        try await Association.query(on: db).sort(\.$createdAt).sort(\.$slug).all()
    }

    static func association(slug: String, on db: Database) async throws -> Association? {
        try await Association.query(on: db).filter(\.$slug == slug).first()
    }

    static func currentVersion(of association: Association, on db: Database) async throws -> PolicyVersion? {
        try await PolicyVersion.unscopedQuery(on: db)
            .filter(\.$association.$id == association.requireID())
            .filter(\.$isCurrent == true)
            .first()
    }

    /// Records `policy` as the association's new current version, creating the association
    /// on its first policy; the version it supersedes stays on record.
    @discardableResult
    static func install(_ policy: Policy, on db: Database) async throws -> PolicyVersion {
        try await db.writeTransaction { db in
            let identity = policy.association
            let association: Association
            if let existing = try await Self.association(slug: identity.slug, on: db) {
                association = existing
                association.nameAr = identity.nameAr
                association.nameEn = identity.nameEn
                try await association.save(on: db)
            } else {
                association = Association(slug: identity.slug, nameAr: identity.nameAr, nameEn: identity.nameEn)
                try await association.create(on: db)
                let associationID = try association.requireID()
                try await WorkflowDefaults.seed(
                    associationID, audience: policy.audience, on: db.scoped(.association(associationID)))
            }
            let associationID = try association.requireID()
            let latest = try await PolicyVersion.unscopedQuery(on: db)
                .filter(\.$association.$id == associationID)
                .max(\.$number)
            try await PolicyVersion.unscopedQuery(on: db)
                .filter(\.$association.$id == associationID)
                .filter(\.$isCurrent == true)
                .set(\.$isCurrent, to: false)
                .set(\.$supersededAt, to: Date())
                .update()
            let version = PolicyVersion(associationID: associationID, number: (latest ?? 0) + 1, policy: policy)
            try await version.create(on: db.scoped(.association(associationID)))
            return version
        }
    }

    /// Creates the five demo associations from the presets, once: an association that exists is left as it is.
    static func installDemo(on db: Database) async throws -> [String] {
        var created: [String] = []
        for policy in try PolicyPresets.all() where try await association(slug: policy.association.slug, on: db) == nil
        {
            try await install(policy, on: db)
            if let association = try await association(slug: policy.association.slug, on: db) {
                association.isDemo = true
                try await association.save(on: db)
            }
            created.append(policy.association.slug)
        }
        return created
    }
}

extension PolicyStore {
    struct Current {
        let association: Association
        let version: PolicyVersion
        let policy: Policy
    }

    /// The association at `slug` with its current policy, or 404.
    static func current(slug: String, on db: Database) async throws -> Current {
        guard let association = try await association(slug: slug, on: db),
            let version = try await currentVersion(of: association, on: db)
        else { throw Abort(.notFound) }
        return Current(association: association, version: version, policy: try version.policy())
    }
}
