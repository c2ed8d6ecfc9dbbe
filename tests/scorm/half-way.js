module.exports = require('./answer.js')('half-way');
