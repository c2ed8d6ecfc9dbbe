module.exports = require('./answer.js')('all-right');
