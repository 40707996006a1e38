import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Leaf
import SilahCore
import Vapor

public func _placeholder() {}
